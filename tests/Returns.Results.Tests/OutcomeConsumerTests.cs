using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Returns.Contracts;
using Returns.Results.Storage;
using Returns.ServiceDefaults.ClaimCheck;

namespace Returns.Results.Tests;

/// <summary>The results consumers on MassTransit's test harness with a real SQLite file and claim-check folder:
/// forged or malformed outcomes are refused and never stored; a stored outcome releases its image's bytes.</summary>
public sealed class OutcomeConsumerTests : IAsyncLifetime
{
    private static readonly string Id = new('a', 64);
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("returns-results-consumer-");
    private readonly ManualClock clock = new();
    private IHost host = null!;
    private ITestHarness harness = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;
    private IResultStore Store => host.Services.GetRequiredService<IResultStore>();
    private string ClaimCheck => Path.Combine(work.FullName, "claim-check");

    public async ValueTask InitializeAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Messaging:Transport"] = "InMemory",
            ["Messaging:ClaimCheckPath"] = ClaimCheck,
            ["Messaging:ClaimCheckGracePeriod"] = "00:10:00",
            ["Results:SqlitePath"] = Path.Combine(work.FullName, "results.db"),
            ["Results:ReportCron"] = "",
        });
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.AddResults();
        builder.Services.AddMassTransitTestHarness(bus => bus.AddResultsConsumers());
        host = builder.Build();
        harness = host.Services.GetTestHarness();
        await harness.Start();
    }

    public async ValueTask DisposeAsync()
    {
        await harness.Stop();
        host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        work.Delete(recursive: true);
    }

    public static TheoryData<string, ImageClassified> Forged => new()
    {
        { "a path as image id", Classified() with { ImageId = "../../etc/passwd" } },
        { "confidence above one", Classified() with { Confidence = 7f } },
        { "a negative confidence", Classified() with { Confidence = -0.5f } },
        { "no model version", Classified() with { Model = new ModelIdentity("m", "", "") } },
        { "top-k not matching the label", Classified() with { TopK = [new LabelScore("hat", 0.9f)] } },
        { "an empty label", Classified() with { Label = "" } },
    };

    [Theory]
    [MemberData(nameof(Forged))]
    public async Task A_malformed_classification_is_refused_and_not_stored(string what, ImageClassified message)
    {
        await harness.Bus.Publish(message, Token);

        Assert.True(await harness.Consumed.Any<ImageClassified>(Token), what);
        var consumed = harness.Consumed.Select<ImageClassified>().Single();
        Assert.IsType<ServiceDefaults.InvalidMessageException>(consumed.Exception);
        Assert.Empty(await Store.QueryAsync(new ResultQuery(), Token));
    }

    [Fact]
    public async Task A_rejection_claiming_the_classifier_without_naming_a_model_is_refused()
    {
        await harness.Bus.Publish(new ImageRejected
        {
            ImageId = Id, SourceName = "x.jpg", Stage = RejectionStages.Classifier, Reason = "undecodable", Detail = "",
            ReceivedAt = DateTimeOffset.UtcNow, RejectedAt = DateTimeOffset.UtcNow,
        }, Token);

        Assert.True(await harness.Consumed.Any<ImageRejected>(Token));
        Assert.NotNull(harness.Consumed.Select<ImageRejected>().Single().Exception);
        Assert.Empty(await Store.QueryAsync(new ResultQuery(), Token));
    }

    [Fact]
    public async Task A_stored_outcome_releases_the_claim_check_after_the_grace_period_and_a_duplicate_at_once()
    {
        var bytes = Path.Combine(ClaimCheck, Id);
        Directory.CreateDirectory(ClaimCheck);
        File.WriteAllBytes(bytes, [1, 2, 3]);
        var cleanup = host.Services.GetRequiredService<ClaimCheckCleanup>();

        await ConsumeAsync(Classified(), count: 1);
        cleanup.Sweep();
        Assert.True(File.Exists(bytes), "deleted within the grace period, while copies may still be in flight");
        clock.Now += TimeSpan.FromMinutes(11);
        cleanup.Sweep();
        Assert.False(File.Exists(bytes));

        File.WriteAllBytes(bytes, [1, 2, 3]); // the same photo sent again
        await ConsumeAsync(Classified() with { SourceName = "again.jpg" }, count: 2);
        Assert.False(File.Exists(bytes));
        Assert.Single(await Store.QueryAsync(new ResultQuery(), Token));
    }

    private async Task ConsumeAsync(ImageClassified message, int count)
    {
        await harness.Bus.Publish(message, Token);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (harness.Consumed.Select<ImageClassified>().Count() < count)
            await Task.Delay(20, timeout.Token);
        Assert.All(harness.Consumed.Select<ImageClassified>(), c => Assert.Null(c.Exception));
    }

    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static ImageClassified Classified() => new()
    {
        ImageId = Id, SourceName = "shoe.jpg", Model = new ModelIdentity("clothing", "v1", new string('b', 64)), Label = "shoes",
        Confidence = 0.9f, TopK = [new LabelScore("shoes", 0.9f), new LabelScore("hat", 0.1f)],
        ReceivedAt = DateTimeOffset.UtcNow, ClassifiedAt = DateTimeOffset.UtcNow,
    };
}
