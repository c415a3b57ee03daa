using System.Text.Json;
using Returns.Testing;

namespace Returns.Distributed.Tests;

public sealed class DeliveryTests(BrokerFixture broker) : IAsyncLifetime
{
    private readonly List<DistributedSystem> systems = [];

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        systems.ForEach(s => s.Dispose());
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Publishing_every_image_twice_stores_no_result_twice_and_leaves_the_report_counts_unchanged()
    {
        const int photos = 40;
        var once = await StartAsync("once");
        var twice = await StartAsync("twice");
        // The same bytes under two names: ingest publishes an ImageReceived for each name, so every image goes
        // through the classifier and the results service twice.
        var singleInbox = Inboxes.Variants(Path.Combine(once.Data, "..", "inbox"), photos);
        var doubleInbox = Inboxes.Variants(Path.Combine(twice.Data, "..", "inbox"), photos, copies: 2);

        var first = await once.RunAsync(singleInbox);
        var second = await twice.RunAsync(doubleInbox);

        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first.Output + second.Output + twice.Logs());
        await broker.Node.WaitAsync(async () => (await broker.Node.QueueAsync(twice.VirtualHost, "image-classified")).Published >= 2 * photos,
            TimeSpan.FromSeconds(30), "the results queue to have received every classification twice");
        Assert.Equal(photos, twice.Stored().Count);
        Assert.Equal(photos, twice.Stored().Select(r => r.ImageId).Distinct().Count());

        using var a = JsonDocument.Parse(File.ReadAllText(Path.Combine(once.Output, "summary.json")));
        using var b = JsonDocument.Parse(File.ReadAllText(Path.Combine(twice.Output, "summary.json")));
        Assert.Equal(photos * 2, b.RootElement.GetProperty("counts").GetProperty("files").GetInt32());
        foreach (var count in new[] { "images", "classified", "needsRetake", "rejected", "pending" })
            Assert.Equal(a.RootElement.GetProperty("counts").GetProperty(count).GetInt32(), b.RootElement.GetProperty("counts").GetProperty(count).GetInt32());
        Assert.Equal(a.RootElement.GetProperty("perLabel").GetRawText(), b.RootElement.GetProperty("perLabel").GetRawText());
    }

    [Fact]
    public async Task A_poison_message_ends_in_the_error_queue_after_its_retries_and_replay_brings_it_back()
    {
        var system = await StartAsync("poison", startWorker: false);
        var inbox = Inboxes.Variants(Path.Combine(system.Data, "..", "inbox"), 1);
        // No worker yet: the image waits in the durable classifier queue and the run gives up with it pending. The
        // timeout also bounds connecting and declaring the queues, which take seconds on a loaded machine.
        var pending = await system.RunAsync(inbox, timeout: TimeSpan.FromSeconds(15));
        Assert.True(pending.ExitCode == 2, pending.Output);

        // The claim-check volume is gone (unmounted): every attempt to classify the image now fails. A missing volume
        // is a fault of the deployment, retried and kept for replay; a single missing file would be a rejection.
        var claimCheck = Path.Combine(system.Data, "claim-check");
        var aside = Path.Combine(system.Data, "claim-check-aside");
        Directory.Move(claimCheck, aside);
        system.StartWorker("worker-a");
        await broker.Node.WaitAsync(async () => (await broker.Node.QueueAsync(system.VirtualHost, "classifier_error")).Messages == 1,
            TimeSpan.FromMinutes(1), "the message to be moved to classifier_error after its retries");

        var listing = system.StartReplay(requeue: false);
        Assert.Equal(0, await listing.WaitForExitAsync(TimeSpan.FromMinutes(1)));
        Assert.Contains("classifier", listing.Output());
        Assert.Contains("1 faulted messages", listing.Output());
        Assert.Empty(system.Stored());

        // The volume is back; replay sends the message home and the image is classified.
        Directory.Move(aside, claimCheck);
        var replay = system.StartReplay(requeue: true);
        Assert.Equal(0, await replay.WaitForExitAsync(TimeSpan.FromMinutes(1)));
        await system.WaitForStoredAsync(atLeast: 1, TimeSpan.FromMinutes(1));
        Assert.Equal("classified", Assert.Single(system.Stored()).Status);
        await broker.Node.WaitAsync(async () => (await broker.Node.QueueAsync(system.VirtualHost, "classifier_error")).Messages == 0,
            TimeSpan.FromSeconds(30), "classifier_error to be empty after the replay");
    }

    private async Task<DistributedSystem> StartAsync(string name, bool startWorker = true)
    {
        var system = await DistributedSystem.CreateAsync(broker.Node, name);
        systems.Add(system);
        system.StartResults();
        if (startWorker)
        {
            system.StartWorker($"{name}-worker");
            await system.WaitForConsumersAsync(workers: 1);
        }
        return system;
    }
}
