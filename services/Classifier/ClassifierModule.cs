using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Returns.Classifier.Inference;
using Returns.ServiceDefaults;
using Returns.ServiceDefaults.Images;

namespace Returns.Classifier;

public static class ClassifierModule
{
    /// <summary>Classifier's entry point: one long-lived ONNX session for the production model.</summary>
    public static IHostApplicationBuilder AddClassifier(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<ClassifierOptions>(ClassifierOptions.Section);
        builder.AddValidatedOptions<PhotoQualityOptions>(PhotoQualityOptions.Section);
        builder.AddImageChecks();
        builder.AddClaimCheck();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ImageLoader>();
        builder.Services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<ClassifierOptions>>().Value;
            var models = string.IsNullOrEmpty(options.ModelsPath) ? ModelRegistry.DefaultModelsDirectory : options.ModelsPath;
            var (card, path) = ModelRegistry.Resolve(models, options.ModelVersion);
            var quality = provider.GetRequiredService<IOptions<PhotoQualityOptions>>().Value;
            return new ImageClassifier(card, path, options.IntraOpThreads, quality, options.Thumbnails ? options.ThumbnailSize : 0);
        });
        builder.Services.AddHealthChecks().AddCheck<ModelHealthCheck>("model", tags: ["ready"]);
        return builder;
    }

    public static void AddClassifierConsumers(this IBusRegistrationConfigurator bus) =>
        bus.AddConsumer<ImageReceivedConsumer, ImageReceivedConsumerDefinition>();
}
