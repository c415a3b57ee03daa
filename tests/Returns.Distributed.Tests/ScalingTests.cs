using Returns.Testing;

namespace Returns.Distributed.Tests;

public sealed class ScalingTests(BrokerFixture broker) : SystemTest(broker, "scaling")
{
    [Fact]
    public async Task Two_workers_each_get_work_and_every_image_has_exactly_one_stored_result()
    {
        const int photos = 80;
        var inbox = Inboxes.Variants(Path.Combine(Deployment.Data, "..", "inbox"), photos);
        Deployment.StartResults();
        Deployment.StartWorker("worker-a");
        Deployment.StartWorker("worker-b");
        await Deployment.WaitForConsumersAsync(workers: 2);

        var (exit, output) = await Deployment.RunAsync(inbox);

        Assert.True(exit == 0, output + Deployment.Logs());
        var stored = Deployment.Stored();
        Assert.Equal(photos, stored.Count);
        Assert.Equal(photos, stored.Select(r => r.ImageId).Distinct().Count());
        var perWorker = stored.GroupBy(r => r.Worker).ToDictionary(g => g.Key ?? "none", g => g.Count());
        Assert.True(perWorker.GetValueOrDefault("worker-a") > 0 && perWorker.GetValueOrDefault("worker-b") > 0,
            "work per worker: " + string.Join(", ", perWorker.Select(p => $"{p.Key}={p.Value}")));
    }
}
