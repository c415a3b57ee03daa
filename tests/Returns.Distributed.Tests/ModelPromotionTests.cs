using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Returns.Testing;
using Xunit;

namespace Returns.Distributed.Tests;

/// <summary>Promotion and rollback while two workers classify a run: no restart, nothing lost, nothing classified twice,
/// and each worker switches once, between two batches.</summary>
public sealed class ModelPromotionTests(BrokerFixture broker, ITestOutputHelper output) : SystemTest(broker, "promotion")
{
    private const string V1 = ModelsCopy.Previous;
    private const string V2 = ModelsCopy.Production;
    private const int BatchSize = 16;

    [Fact]
    public async Task A_promotion_and_a_rollback_mid_run_switch_both_workers_without_restart_loss_or_duplicates()
    {
        var photos = Inboxes.Variants(Path.Combine(Deployment.Data, "..", "photos"), 800);
        var first = Subset(photos, "first", 0, 500);
        var second = Subset(photos, "second", 500, 800);
        var results = Deployment.StartResults();
        var workers = new[] { Deployment.StartWorker("worker-a", BatchSize), Deployment.StartWorker("worker-b", BatchSize) };
        var pids = workers.Select(w => w.Id).ToArray();
        await Deployment.WaitForConsumersAsync(workers: 2);
        await WaitForPromotionQueuesAsync("worker-a", "worker-b");

        await RunWithChangeAsync(first, 500, workers, from: V2, to: V1, "promote", V1, "--force", "--reason", "test: promote mid-run");
        await RunWithChangeAsync(second, 300, workers, from: V1, to: V2, "rollback", "--reason", "test: roll back mid-run");

        Assert.Equal(pids, workers.Select(w => w.HasExited ? -1 : w.Id).ToArray());
        Assert.False(results.HasExited);
        output.WriteLine(string.Join("\n", Deployment.Logs().Split('\n').Where(l => l.Contains("swapped", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task A_broken_candidate_is_refused_and_the_workers_keep_serving_production()
    {
        var truncated = BrokenCopy("broken-truncated", bytes => bytes[..(bytes.Length / 2)], cardSaysTrueHash: true);
        var forged = BrokenCopy("broken-sha", bytes => bytes, cardSaysTrueHash: false);
        var inbox = Inboxes.Variants(Path.Combine(Deployment.Data, "..", "inbox"), 60);
        Deployment.StartResults();
        var worker = Deployment.StartWorker("worker-a");
        await Deployment.WaitForConsumersAsync(workers: 1);
        await WaitForPromotionQueuesAsync("worker-a");

        var (refusedExit, refusedOutput) = await Deployment.ModelCommandAsync("promote", forged, "--force");
        Assert.True(refusedExit == 1, refusedOutput);
        Assert.Contains("SHA-256", refusedOutput);

        var (exit, promoted) = await Deployment.ModelCommandAsync("promote", truncated, "--force");
        Assert.True(exit == 0, promoted + Deployment.Logs());
        var refused = await Task.WhenAny(Broker.WaitAsync(() => Task.FromResult(worker.Output().Contains($"Model {truncated} refused", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(60), "the worker to refuse the truncated model"));
        Assert.True(refused.IsCompletedSuccessfully, promoted + Deployment.Logs());

        var (runExit, runOutput) = await Deployment.RunAsync(inbox);
        Assert.True(runExit == 0, runOutput + Deployment.Logs());
        var stored = Deployment.Stored();
        Assert.Equal(60, stored.Select(r => r.ImageId).Distinct().Count());
        Assert.All(stored, r => Assert.Equal(V2, r.ModelVersion));
        Assert.False(worker.HasExited);
    }

    private async Task RunWithChangeAsync(string inbox, int count, ServiceProcess[] workers, string from, string to, params string[] change)
    {
        var before = Deployment.Stored().Count;
        var run = Deployment.StartRun(inbox);
        await Deployment.WaitForStoredAsync(before + count / 5, TimeSpan.FromMinutes(3));
        // The workers are frozen (SIGSTOP, not restarted) while the change is made, so that it lands mid-run however
        // fast they are compared with the command: a faster pipeline once finished the run before the change arrived.
        foreach (var worker in workers)
            worker.Freeze();
        var storedAtChange = Deployment.Stored().Count - before;
        int exit;
        string said;
        try
        {
            (exit, said) = await Deployment.ModelCommandAsync(change);
        }
        finally
        {
            foreach (var worker in workers)
                worker.Freeze(false);
        }
        Assert.True(exit == 0, said + Deployment.Logs());
        Assert.True(storedAtChange < count, $"all {count} images were stored before the change: it did not happen mid-run");
        var runExit = await run.WaitForExitAsync(TimeSpan.FromMinutes(5));
        Assert.True(runExit == 0, run.Output() + Deployment.Logs());

        var stored = Deployment.Stored().Where(r => r.RunId == Path.GetFileName(inbox) + $"-{DateTime.UtcNow:yyyy-MM-dd}").ToArray();
        Assert.Equal(count, stored.Length);
        Assert.Equal(count, stored.Select(r => r.ImageId).Distinct().Count()); // stored once: no image classified by both versions
        Assert.All(stored, r => Assert.Contains(r.ModelVersion, new[] { from, to }));
        Assert.Contains(stored, r => r.ModelVersion == from);
        Assert.Contains(stored, r => r.ModelVersion == to);
        foreach (var worker in stored.GroupBy(r => r.Worker))
        {
            // In the order the worker classified them: the old version, then the new one. A batch keeps the version it
            // started with, and a worker has two batches in flight (Classifier:ConcurrentBatches), so one batch of the
            // old version, at most, may finish after the first of the new.
            var versions = worker.OrderBy(r => r.CompletedAt, StringComparer.Ordinal).Select(r => r.ModelVersion).ToArray();
            var switchedAt = Array.IndexOf(versions, to);
            Assert.True(switchedAt < 0 || versions.Skip(switchedAt).Count(v => v == from) <= BatchSize, $"{worker.Key}: {string.Join(",", versions)}");
            output.WriteLine($"{change[0]}: {worker.Key} classified {versions.Count(v => v == from)} with {from} and " +
                $"{versions.Count(v => v == to)} with {to}, the first with {to} as its image {switchedAt + 1}");
        }
    }

    private static string Subset(string photos, string name, int from, int to)
    {
        var directory = Directory.CreateDirectory(Path.Combine(photos, "..", name)).FullName;
        foreach (var file in Directory.GetFiles(photos).Order(StringComparer.Ordinal).Skip(from).Take(to - from))
            File.Copy(file, Path.Combine(directory, Path.GetFileName(file)));
        return directory;
    }

    private Task WaitForPromotionQueuesAsync(params string[] workers) => Broker.WaitAsync(async () =>
    {
        foreach (var worker in workers)
            if ((await Broker.QueueAsync(Deployment.VirtualHost, "model-registry-changed-" + worker)).Consumers < 1)
                return false;
        return true;
    }, TimeSpan.FromSeconds(90), "every worker's promotion queue");

    /// <summary>A copy of v1 whose model.onnx is changed by <paramref name="damage"/>; its card names the damaged file's
    /// hash (the registry accepts it, the worker cannot load it) or keeps the original one (the registry refuses it).</summary>
    private string BrokenCopy(string version, Func<byte[], byte[]> damage, bool cardSaysTrueHash)
    {
        var directory = Path.Combine(Deployment.Models, version);
        ModelsCopy.CopyVersion(Path.Combine(Deployment.Models, V1), directory);
        var model = Path.Combine(directory, "model.onnx");
        var bytes = damage(File.ReadAllBytes(model));
        File.WriteAllBytes(model, bytes);
        var cardPath = Path.Combine(directory, "model-card.json");
        var card = JsonNode.Parse(File.ReadAllText(cardPath))!;
        card["version"] = version;
        card["sha256"] = cardSaysTrueHash ? Convert.ToHexStringLower(SHA256.HashData(bytes)) : new string('a', 64);
        File.WriteAllText(cardPath, card.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return version;
    }
}
