namespace Returns.Testing.Cluster;

/// <summary>The hosts the services run on, each with its own address on the test network.</summary>
public sealed record ServiceHosts(NetworkHost Ingest, NetworkHost WorkerA, NetworkHost WorkerB, NetworkHost Results)
{
    public static async Task<ServiceHosts> AddAsync(TestNetwork network) => new(
        await network.AddHostAsync("ingest", 21),
        await network.AddHostAsync("worker-a", 31),
        await network.AddHostAsync("worker-b", 32),
        await network.AddHostAsync("results", 41));
}
