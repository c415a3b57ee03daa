using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Returns.Models;

namespace Returns.ServiceDefaults;

public static class ModelsExtensions
{
    /// <summary>The models folder (Models:Path, else beside the binaries) and its cards, shared by every module of a host.</summary>
    public static IHostApplicationBuilder AddModelsFolder(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<ModelsOptions>(ModelsOptions.Section);
        var options = builder.Configuration.GetSection(ModelsOptions.Section).Get<ModelsOptions>() ?? new ModelsOptions();
        builder.Services.TryAddSingleton(ModelsFolder.From(options.Path));
        builder.Services.TryAddSingleton<ModelCards>();
        return builder;
    }
}
