using System.Text.Json;
using Returns.Testing;
using Xunit;

namespace Returns.Distributed.Tests;

/// <summary>A candidate in shadow on the real broker: it classifies a copy of every image from its own queue, its
/// outcomes are stored apart and never reach a report, and `returns model compare` reports on them.</summary>
public sealed class ShadowTests(BrokerFixture broker, ITestOutputHelper output) : SystemTest(broker, "shadow")
{
    private const string Candidate = ModelsCopy.Previous;
    private const string Production = ModelsCopy.Production;
    private const int Images = 200;

    [Fact]
    public async Task A_candidate_in_shadow_classifies_every_image_apart_from_the_report_and_compare_reports_agreement_and_reviewed_accuracy()
    {
        var inbox = Inboxes.Variants(Path.Combine(Deployment.Data, "..", "inbox"), Images);
        Deployment.StartResults();
        var worker = Deployment.StartWorker("worker-a");
        await Deployment.WaitForConsumersAsync(workers: 1);
        await Broker.WaitAsync(async () => (await Broker.QueueAsync(Deployment.VirtualHost, "classifier-shadow")).Consumers >= 1
            && (await Broker.QueueAsync(Deployment.VirtualHost, "model-registry-changed-worker-a")).Consumers >= 1, TimeSpan.FromSeconds(90), "the shadow queue");

        var (shadowExit, shadowSaid) = await Deployment.ModelCommandAsync("shadow", Candidate, "--reason", "test: shadow run");
        Assert.True(shadowExit == 0, shadowSaid + Deployment.Logs());
        var loaded = await Task.WhenAny(Broker.WaitAsync(() => Task.FromResult(worker.Output().Contains($"Shadow started: {Candidate}", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(60), "the worker to load the shadow"));
        Assert.True(loaded.IsCompletedSuccessfully, shadowSaid + Deployment.Logs());

        var (exit, said) = await Deployment.RunAsync(inbox);
        Assert.True(exit == 0, said + Deployment.Logs());
        await Broker.WaitAsync(() => Task.FromResult(ShadowRow.Read(Deployment.ResultsDatabase).Count >= Images), TimeSpan.FromMinutes(3),
            $"{Images} shadow outcomes");

        var stored = Deployment.Stored();
        var shadow = ShadowRow.Read(Deployment.ResultsDatabase);
        Assert.Equal(Images, stored.Count);
        Assert.All(stored, r => Assert.Equal(Production, r.ModelVersion));
        Assert.Equal(Images, shadow.Count);
        Assert.All(shadow, r => Assert.Equal(Candidate, r.ModelVersion));
        Assert.Equal(stored.Select(r => r.ImageId).Order(), shadow.Select(r => r.ImageId).Order());
        Assert.Equal(Images, Counts(Deployment.Output).GetProperty("images").GetInt32());

        // The period's report, compiled after every shadow outcome is in, counts the same images as the run's.
        var day = DateTime.UtcNow.Date;
        var periodOut = Path.Combine(Deployment.Data, "..", "period");
        var (reportExit, reportSaid) = await Deployment.CommandAsync("report", "--from", $"{day:yyyy-MM-dd}T00:00Z", "--to", $"{day.AddDays(1):yyyy-MM-dd}T00:00Z",
            "--out", periodOut, "--data", Deployment.Data);
        Assert.True(reportExit == 0, reportSaid);
        var period = Counts(Directory.GetDirectories(periodOut).Single());
        Assert.Equal(Counts(Deployment.Output).GetRawText(), period.GetRawText());

        // Reviewers settle 20 images with the candidate's label: on those, the candidate is right every time.
        foreach (var row in shadow.OrderBy(r => r.ImageId, StringComparer.Ordinal).Take(20))
            ShadowRow.Review(Deployment.ResultsDatabase, row.ImageId, Production, previousLabel: "unknown", reviewedLabel: row.Label);
        var (compareExit, compared) = await Deployment.ModelCommandAsync("compare", Candidate);
        output.WriteLine(compared);
        Assert.True(compareExit == 0, compared);
        Assert.Contains($"shadow outcomes: {Images}", compared);
        Assert.Matches(@"agreement: \d+\.\d %", compared);
        Assert.Contains($"reviewed images: 20; accuracy {Candidate} 100.0 % (20)", compared);
        Assert.Matches(@"latency per image: .*mean \d+\.\d ms.*mean \d+\.\d ms", compared.ReplaceLineEndings(" "));
    }

    private static JsonElement Counts(string reportFolder)
    {
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(reportFolder, "summary.json")));
        return summary.RootElement.GetProperty("counts").Clone();
    }
}
