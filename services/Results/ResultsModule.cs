using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Returns.Results.Consumers;
using Returns.Results.Promotion;
using Returns.Results.Lines;
using Returns.Results.Reports;
using Returns.Results.Shadow;
using Returns.Results.Storage;
using Returns.Models;
using Returns.ServiceDefaults;
using Returns.Images.ClaimCheck;

namespace Returns.Results;

public static class ResultsModule
{
    /// <summary>Results' entry point: the store and what reads it.</summary>
    public static IHostApplicationBuilder AddResults(this IHostApplicationBuilder builder)
    {
        builder.AddResultStores();
        builder.Services.AddSingleton<OutcomeNotifications>();
        builder.AddClaimCheck();
        builder.Services.AddHostedService<ClaimCheckSweeper>();
        builder.Services.AddSingleton<ModelFactsCache>();
        builder.Services.AddSingleton<ReportAssembler>();
        builder.Services.AddSingleton<ReportCompiler>();
        builder.Services.AddSingleton<CategoryMapSource>();
        builder.Services.AddScoped<LineAssessor>();
        builder.Services.AddHealthChecks().AddCheck<ResultStoreHealthCheck>("results-store", tags: ["ready"]);
        return builder;
    }

    /// <summary>The stores alone (outcomes, reviews, lines, shadow outcomes: SQLite unless Results:MongoConnectionString
    /// is set), with the registry changes that read them; for commands that need no running service.</summary>
    public static IHostApplicationBuilder AddResultStores(this IHostApplicationBuilder builder)
    {
        var options = builder.AddValidatedOptions<ResultsOptions>(ResultsOptions.Section);
        if (string.IsNullOrEmpty(options.MongoConnectionString))
            builder.Services.AddSingleton<SqliteResultStore>().AddSingleton<IResultStore>(s => s.GetRequiredService<SqliteResultStore>())
                .AddSingleton<IReturnLineStore>(s => s.GetRequiredService<SqliteResultStore>())
                .AddSingleton<IReportStore>(s => s.GetRequiredService<SqliteResultStore>())
                .AddSingleton<IShadowStore, SqliteShadowStore>();
        else
            builder.Services.AddSingleton<MongoResultStore>().AddSingleton<IResultStore>(s => s.GetRequiredService<MongoResultStore>())
                .AddSingleton<IReturnLineStore>(s => s.GetRequiredService<MongoResultStore>())
                .AddSingleton<IReportStore>(s => s.GetRequiredService<MongoResultStore>())
                .AddSingleton<IShadowStore, MongoShadowStore>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddModelsFolder(builder.AddValidatedOptions<ModelsOptions>(ModelsOptions.Section));
        builder.Services.AddSingleton<ModelComparer>();
        builder.Services.AddScoped<ModelPromotions>();
        return builder;
    }

    /// <summary>For the results service: compiles the period report on Results:ReportCron, and gives lines past their
    /// deadline their (incomplete) verdict.</summary>
    public static IHostApplicationBuilder AddResultsReportSchedule(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHostedService<ReportSchedule>();
        builder.Services.AddHostedService<LineDeadlineSweeper>();
        return builder;
    }

    public static void AddResultsConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<ImageClassifiedConsumer, ImageClassifiedConsumerDefinition>();
        bus.AddConsumer<ImageRejectedConsumer, ImageRejectedConsumerDefinition>();
        bus.AddConsumer<ImageReviewedConsumer, ImageReviewedConsumerDefinition>();
        bus.AddConsumer<ImageReviewWithdrawnConsumer, ImageReviewWithdrawnConsumerDefinition>();
        bus.AddConsumer<ReturnRegisteredConsumer, ReturnRegisteredConsumerDefinition>();
        bus.AddConsumer<PhotoAttachedConsumer, PhotoAttachedConsumerDefinition>();
        bus.AddConsumer<ImageShadowClassifiedConsumer, ImageShadowClassifiedConsumerDefinition>();
    }
}
