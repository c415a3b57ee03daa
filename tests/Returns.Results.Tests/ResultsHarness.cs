using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Returns.Results.Storage;
using Returns.Images.ClaimCheck;

namespace Returns.Results.Tests;

/// <summary>The results consumers on MassTransit's test harness with a real SQLite file and claim-check folder, and a
/// clock the test moves.</summary>
public sealed class ResultsHarness : IAsyncDisposable
{
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("returns-results-consumer-");
    private IHost host = null!;

    public ManualClock Clock { get; } = new();
    public ITestHarness Harness { get; private set; } = null!;
    public IResultStore Store => host.Services.GetRequiredService<IResultStore>();
    public ClaimCheckCleanup Cleanup => host.Services.GetRequiredService<ClaimCheckCleanup>();
    public OutcomeNotifications Notifications => host.Services.GetRequiredService<OutcomeNotifications>();
    public string ClaimCheck => Path.Combine(work.FullName, "claim-check");

    public static async Task<ResultsHarness> StartAsync()
    {
        var harness = new ResultsHarness();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Messaging:Transport"] = "InMemory",
            ["Messaging:ClaimCheckPath"] = harness.ClaimCheck,
            ["Messaging:ClaimCheckGracePeriod"] = "00:10:00",
            ["Messaging:ReviewHoldPeriod"] = "7.00:00:00",
            ["Results:SqlitePath"] = Path.Combine(harness.work.FullName, "results.db"),
            ["Results:ReportCron"] = "",
        });
        builder.Services.AddSingleton<TimeProvider>(harness.Clock);
        builder.AddResults();
        builder.Services.AddMassTransitTestHarness(bus => bus.AddResultsConsumers());
        harness.host = builder.Build();
        harness.Harness = harness.host.Services.GetTestHarness();
        await harness.Harness.Start();
        return harness;
    }

    /// <summary>Publishes and waits until the consumer has taken this many messages of the type in all.</summary>
    public async Task ConsumeAsync<T>(T message, int count) where T : class
    {
        await Harness.Bus.Publish(message, TestContext.Current.CancellationToken);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (Harness.Consumed.Select<T>().Count() < count)
            await Task.Delay(20, timeout.Token);
    }

    /// <summary>Puts bytes in the claim-check folder, as ingest would have.</summary>
    public string StageBytes(string imageId)
    {
        Directory.CreateDirectory(ClaimCheck);
        var path = Path.Combine(ClaimCheck, imageId);
        File.WriteAllBytes(path, [1, 2, 3]);
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        work.Delete(recursive: true);
    }
}

public sealed class ManualClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;
    public override DateTimeOffset GetUtcNow() => Now;
}
