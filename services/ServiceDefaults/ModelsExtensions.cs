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
        var options = builder.AddValidatedOptions<ModelsOptions>(ModelsOptions.Section);
        builder.Services.TryAddSingleton(ModelsFolder.From(options.Path));
        builder.Services.TryAddSingleton<ModelCards>();
        return builder;
    }
}
