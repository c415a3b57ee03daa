using Returns.Testing;

[assembly: AssemblyFixture(typeof(Returns.Distributed.Tests.BrokerFixture))]
// One broker, restarted by one of the tests, and 2 cores: these tests run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Returns.Distributed.Tests;

/// <summary>One private RabbitMQ node for the whole test run; each test gets its own virtual host on it.</summary>
public sealed class BrokerFixture : IAsyncLifetime
{
    public RabbitMqNode Node { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Node = await RabbitMqNode.StartAsync();

    public async ValueTask DisposeAsync() => await Node.DisposeAsync();
}
