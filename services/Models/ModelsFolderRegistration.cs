using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Returns.Models;

public static class ModelsFolderRegistration
{
    /// <summary>The models folder (Models:Path, else beside the binaries) and its cards, shared by every module of a host.</summary>
    public static IServiceCollection AddModelsFolder(this IServiceCollection services, ModelsOptions options)
    {
        services.TryAddSingleton(ModelsFolder.From(options.Path));
        services.TryAddSingleton<ModelCards>();
        return services;
    }
}
