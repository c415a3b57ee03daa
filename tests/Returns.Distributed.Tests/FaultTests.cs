using Returns.Testing;

namespace Returns.Distributed.Tests;

/// <summary>Faults injected into a running system, counted per image as Jepsen's RabbitMQ checker does:
/// lost (no stored result), duplicated (more than one), and proof that the fault really happened.</summary>
public sealed class FaultTests(BrokerFixture broker) : SystemTest(broker, "faults")
{
    [Fact]
    public async Task Killing_a_worker_in_the_middle_of_500_images_loses_nothing_and_stores_nothing_twice()
    {
        const int photos = 500;
        var inbox = Inboxes.Variants(Path.Combine(Deployment.Data, "..", "inbox"), photos);
        Deployment.StartResults();
        var doomed = Deployment.StartWorker("worker-doomed");
        Deployment.StartWorker("worker-survivor");
        await Deployment.WaitForConsumersAsync(workers: 2);

        var run = Deployment.StartRun(inbox);
        await Deployment.WaitForStoredAsync(atLeast: 60, TimeSpan.FromMinutes(3));
        doomed.Kill();
        var storedAtKill = Deployment.Stored().Count;

        var exit = await run.WaitForExitAsync(TimeSpan.FromMinutes(8));

        Assert.True(exit == 0, run.Output() + Deployment.Logs());
        Assert.True(storedAtKill < photos, $"all {photos} were stored before the kill: the fault did not happen mid-run");
        AssertEachImageStoredOnce(Inbox(inbox), Deployment.Stored());
        await Broker.WaitAsync(async () => (await Broker.QueueAsync(Deployment.VirtualHost, "classifier")).Redelivered > 0,
            TimeSpan.FromSeconds(30), "the broker to report the killed worker's unacknowledged messages as redelivered");
    }

    [Fact]
    public async Task Restarting_the_broker_in_the_middle_of_a_run_still_accounts_for_every_image()
    {
        // Enough that classification outlasts the management API's view of the queue, which lags by its 5 s sampling:
        // with 200, the faster pipeline stored every image before the restart could come.
        const int photos = 800;
        var inbox = Inboxes.Variants(Path.Combine(Deployment.Data, "..", "inbox"), photos);
        Deployment.StartResults();
        Deployment.StartWorker("worker-a", batchSize: 4);
        await Deployment.WaitForConsumersAsync(workers: 1);

        var run = Deployment.StartRun(inbox);
        // Restart once ingest has handed every image to the broker and classification is under way.
        await Broker.WaitAsync(async () => (await Broker.QueueAsync(Deployment.VirtualHost, "classifier")).Published >= photos,
            TimeSpan.FromMinutes(2), "ingest to publish every image");
        await Deployment.WaitForStoredAsync(atLeast: 20, TimeSpan.FromMinutes(2));
        var storedAtRestart = Deployment.Stored().Count;
        await Broker.RestartAsync();

        var exit = await run.WaitForExitAsync(TimeSpan.FromMinutes(8));

        Assert.True(exit == 0, run.Output() + Deployment.Logs());
        Assert.True(storedAtRestart < photos, "every image was stored before the restart: the fault did not happen mid-run");
        AssertEachImageStoredOnce(Inbox(inbox), Deployment.Stored());
    }

    private static HashSet<string> Inbox(string inbox) =>
        Directory.GetFiles(inbox).Select(f => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))).ToHashSet();

    private static void AssertEachImageStoredOnce(HashSet<string> expected, IReadOnlyList<StoredRow> stored)
    {
        var counts = stored.GroupBy(r => r.ImageId).ToDictionary(g => g.Key, g => g.Count());
        var lost = expected.Where(id => !counts.ContainsKey(id)).ToArray();
        var duplicated = counts.Where(c => c.Value > 1).Select(c => c.Key).ToArray();
        var unexpected = counts.Keys.Where(id => !expected.Contains(id)).ToArray();
        Assert.True(lost.Length == 0 && duplicated.Length == 0 && unexpected.Length == 0,
            $"lost {lost.Length}, duplicated {duplicated.Length}, unexpected {unexpected.Length} of {expected.Count}");
    }
}
