using Returns.Testing.Cluster;

namespace Returns.Distributed.Tests.Cluster;

/// <summary>The multi-host test bed, once for the cluster tests: a test network, a three-node RabbitMQ cluster on hosts
/// broker-1..3, and the hosts ingest, worker-a, worker-b and results. It removes every namespace, link and process it
/// made, also when a test failed (and a later run removes those of a run that was killed).</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public TestNetwork Network { get; private set; } = null!;
    public RabbitMqCluster Broker { get; private set; } = null!;
    public ServiceHosts Hosts { get; private set; } = null!;

    /// <summary>One row per fault tried so far, printed whole after each.</summary>
    public FaultTable Table { get; } = new();

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async ValueTask InitializeAsync()
    {
        Network = await TestNetwork.CreateAsync();
        try
        {
            Hosts = await ServiceHosts.AddAsync(Network);
            Broker = await RabbitMqCluster.StartAsync(Network);
        }
        catch
        {
            Network.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Broker.DisposeAsync();
        }
        finally
        {
            Network.Dispose();
        }
    }
}
