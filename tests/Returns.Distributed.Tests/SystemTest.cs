using Returns.Testing;

namespace Returns.Distributed.Tests;

/// <summary>A test class whose tests each get a fresh deployment in its own virtual host on the shared broker.</summary>
public abstract class SystemTest(BrokerFixture broker, string name) : IAsyncLifetime
{
    protected RabbitMqNode Broker => broker.Node;
    protected DistributedSystem Deployment { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Deployment = await DistributedSystem.CreateAsync(broker.Node, name);

    public ValueTask DisposeAsync()
    {
        Deployment.Dispose();
        return ValueTask.CompletedTask;
    }
}
