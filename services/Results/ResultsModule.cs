using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Returns.Results.Consumers;
using Returns.Results.Storage;

namespace Returns.Results;

public static class ResultsModule
{
    /// <summary>Results' entry point: the store and what reads it.</summary>
    public static IHostApplicationBuilder AddResults(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ResultsOptions>().BindConfiguration(ResultsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IResultStore, SqliteResultStore>();
        return builder;
    }

    public static void AddResultsConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<ImageClassifiedConsumer, ImageClassifiedConsumerDefinition>();
        bus.AddConsumer<ImageRejectedConsumer, ImageRejectedConsumerDefinition>();
    }
}
