using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Returns.Classifier;
using Returns.Ingest;
using Returns.Results;
using Returns.ServiceDefaults;

namespace Returns.Cli;

public enum WorkerPlacement { Embedded, External }

/// <summary>
/// The host behind `returns run`. Embedded: all three modules in one process over the in-memory transport.
/// External: only ingest (and a reader of the results store) here, over RabbitMQ; workers run elsewhere.
/// </summary>
public static class PipelineHost
{
    /// <param name="transport">Forces a transport whatever the settings say: commands that only read the store (report,
    /// export) need no broker, even where RETURNS_Messaging__Transport names one.</param>
    public static IHost Build(DirectoryInfo data, WorkerPlacement placement, string[] args, string? transport = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new DataFolder(data).Settings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{MessagingOptions.Section}:Transport"] = transport ?? (placement == WorkerPlacement.Embedded ? Transports.InMemory : Transports.RabbitMq),
        });
        builder.Configuration.AddOverrides(args);
        if (transport is not null)
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [$"{MessagingOptions.Section}:Transport"] = transport });
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Error);

        builder.AddReturnsTelemetry();
        builder.AddIngest();
        builder.AddResults();
        if (placement == WorkerPlacement.Embedded)
        {
            builder.AddClassifier();
            builder.AddReturnsMessaging(bus =>
            {
                bus.AddClassifierConsumers(builder);
                bus.AddResultsConsumers();
            });
        }
        else
        {
            builder.AddReturnsMessaging(_ => { });
        }
        return builder.Build();
    }
}
