using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Returns.Testing;

namespace Returns.Distributed.Tests;

/// <summary>The broker itself refuses what a service's user may not do: only the classifier's user can get an
/// ImageClassified to the results service, whatever route another user tries.</summary>
public sealed class BrokerPermissionTests(BrokerFixture broker) : SystemTest(broker, "permissions")
{
    private const string ClassifiedExchange = "Returns.Contracts:ImageClassified";
    private static readonly byte[] Forged = """{"message":{"imageId":"forged"},"messageType":["urn:message:Returns.Contracts:ImageClassified"]}"""u8.ToArray();

    [Fact]
    public async Task A_forged_image_classified_from_the_ingest_user_is_refused_by_the_broker_on_every_route()
    {
        Deployment.StartResults();
        Deployment.StartWorker("worker-a");
        await Deployment.WaitForConsumersAsync(workers: 1);
        Assert.True(await Broker.ExchangeExistsAsync(Deployment.VirtualHost, ClassifiedExchange), "MassTransit names the exchange differently");

        // Every way into the results queue: the message-type exchange, the endpoint exchange, the default exchange.
        foreach (var (exchange, routingKey) in new[] { (ClassifiedExchange, ""), ("image-classified", ""), ("", "image-classified") })
            Assert.Equal(403, await PublishAsync("ingest", exchange, routingKey));
        // …and binding something the ingest user may write to onto the results endpoint.
        Assert.Equal(403, await AsAsync("ingest", c => c.ExchangeBindAsync("image-classified", "Returns.Contracts:ImageRejected", "")));
        Assert.Equal(403, await AsAsync("ingest", c => c.QueueBindAsync("image-classified", "Returns.Contracts:ImageRejected", "")));

        Assert.Equal(0, await PublishAsync("classifier", ClassifiedExchange, "")); // the same publish, by its rightful user
    }

    [Fact]
    public async Task The_console_user_may_publish_reviews_and_uploads_but_never_a_classification()
    {
        Deployment.StartResults();
        Deployment.StartWorker("worker-a");
        await Deployment.WaitForConsumersAsync(workers: 1);

        Assert.Equal(0, await PublishAsync("staff", "Returns.Contracts:ImageReviewed", ""));
        Assert.Equal(0, await PublishAsync("staff", "Returns.Contracts:ImageReceived", ""));
        foreach (var (exchange, routingKey) in new[] { (ClassifiedExchange, ""), ("image-classified", ""), ("", "image-classified") })
            Assert.Equal(403, await PublishAsync("staff", exchange, routingKey));
    }

    [Fact]
    public async Task The_guest_user_does_not_exist_on_the_node()
    {
        var factory = new ConnectionFactory { HostName = "127.0.0.1", Port = Broker.Port, UserName = "guest", Password = "guest" };

        await Assert.ThrowsAnyAsync<BrokerUnreachableException>(() => factory.CreateConnectionAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public void The_erlang_distribution_port_of_the_private_node_listens_on_loopback_only()
    {
        var distribution = Broker.Port + 20000;

        var listeners = ListeningAddresses(distribution);

        Assert.NotEmpty(listeners);
        Assert.All(listeners, address => Assert.Contains(address, new[] { "0100007F", "00000000000000000000000001000000" }));
    }

    /// <summary>Local addresses (hex, as the kernel prints them) of the TCP sockets listening on <paramref name="port"/>.</summary>
    private static string[] ListeningAddresses(int port) =>
        new[] { "/proc/net/tcp", "/proc/net/tcp6" }.Where(File.Exists).SelectMany(File.ReadLines).Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length > 3 && f[3] == "0A" && f[1].Contains(':') && Convert.ToInt32(f[1].Split(':')[1], 16) == port)
            .Select(f => f[1].Split(':')[0])
            .ToArray();

    private Task<int> PublishAsync(string role, string exchange, string routingKey) =>
        AsAsync(role, async channel => await channel.BasicPublishAsync(exchange, routingKey, mandatory: false, new BasicProperties(), Forged));

    /// <summary>Runs one AMQP operation as <paramref name="role"/>; returns 0 when the broker accepted it, else its reply code.</summary>
    private async Task<int> AsAsync(string role, Func<IChannel, Task> operation)
    {
        var factory = new ConnectionFactory
        {
            HostName = "127.0.0.1", Port = Broker.Port, VirtualHost = Deployment.VirtualHost,
            UserName = RabbitMqNode.UserName(role), Password = Broker.Passwords[role],
        };
        await using var connection = await factory.CreateConnectionAsync(TestContext.Current.CancellationToken);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), TestContext.Current.CancellationToken);
        try
        {
            await operation(channel);
            return 0;
        }
        catch (Exception e) when (e is OperationInterruptedException or AlreadyClosedException or PublishException)
        {
            return channel.CloseReason?.ReplyCode ?? -1;
        }
    }
}
