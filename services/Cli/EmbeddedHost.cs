using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Returns.Classifier;
using Returns.Ingest;
using Returns.Results;
using Returns.ServiceDefaults;

namespace Returns.Cli;

/// <summary>All three modules in one process over the in-memory transport, SQLite and a local claim-check folder.</summary>
public static class EmbeddedHost
{
    public static IHost Build(DirectoryInfo data, string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{MessagingOptions.Section}:Transport"] = Transports.InMemory,
            [$"{MessagingOptions.Section}:ClaimCheckPath"] = Path.Combine(data.FullName, "claim-check"),
            [$"{ResultsOptions.Section}:SqlitePath"] = Path.Combine(data.FullName, "results.db"),
        });
        // Settings may still be overridden: RETURNS_Classifier__BatchSize=8, or --Classifier:BatchSize=8.
        builder.Configuration.AddEnvironmentVariables("RETURNS_").AddCommandLine(args);
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Error);

        builder.AddIngest();
        builder.AddClassifier();
        builder.AddResults();
        builder.AddReturnsMessaging(bus =>
        {
            bus.AddClassifierConsumers();
            bus.AddResultsConsumers();
        });
        return builder.Build();
    }
}
