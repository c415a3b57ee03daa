using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Returns.Images.ClaimCheck;
using Returns.Inference;
using Returns.Models;
using Returns.ServiceDefaults;
using Returns.Images;

namespace Returns.Classifier;

public static class ClassifierModule
{
    /// <summary>Classifier's entry point: one long-lived ONNX session for the production model, swapped for another when
    /// a promotion says so.</summary>
    public static IHostApplicationBuilder AddClassifier(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<ClassifierOptions>(ClassifierOptions.Section);
        builder.AddValidatedOptions<PhotoQualityOptions>(PhotoQualityOptions.Section);
        builder.AddImageChecks();
        builder.AddClaimCheck();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddModelsFolder(builder.AddValidatedOptions<ModelsOptions>(ModelsOptions.Section));
        builder.Services.AddSingleton<ImageLoader>();
        builder.Services.AddSingleton<ModelLoader>();
        builder.Services.AddSingleton(provider =>
        {
            var loader = provider.GetRequiredService<ModelLoader>();
            return new ServedModels(loader.StartingProduction(), loader.StartingShadow());
        });
        builder.Services.AddSingleton<ModelChanges>();
        builder.Services.AddHostedService<ModelWarmup>();
        builder.Services.AddHostedService<RegistryCatchUp>();
        builder.Services.AddHealthChecks().AddCheck<ModelHealthCheck>("model", tags: ["ready"]);
        return builder;
    }

    /// <summary>Production's queue and the shadow's, unless Classifier:ServeProduction or Classifier:ServeShadow turn
    /// one off; the registry queue always.</summary>
    public static void AddClassifierConsumers(this IBusRegistrationConfigurator bus, IHostApplicationBuilder builder)
    {
        var options = builder.AddValidatedOptions<ClassifierOptions>(ClassifierOptions.Section);
        if (options.ServeProduction)
            bus.AddConsumer<ImageReceivedConsumer, ImageReceivedConsumerDefinition>();
        if (options.ServeShadow)
            bus.AddConsumer<ShadowImageReceivedConsumer, ShadowImageReceivedConsumerDefinition>();
        bus.AddConsumer<ModelRegistryChangedConsumer, ModelRegistryChangedConsumerDefinition>();
    }
}
