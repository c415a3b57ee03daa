using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Returns.ServiceDefaults;

namespace Returns.Images;

public static class ImageChecksExtensions
{
    /// <summary>The header checks on "ImageLimits"; ingest and the classifier both register them (once per host).</summary>
    public static IHostApplicationBuilder AddImageChecks(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<ImageLimits>(ImageLimits.Section);
        builder.Services.TryAddSingleton<ImageInspector>();
        return builder;
    }
}
