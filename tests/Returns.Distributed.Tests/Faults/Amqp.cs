using System.Text;
using RabbitMQ.Client;
using Returns.Testing;

namespace Returns.Distributed.Tests.Faults;

/// <summary>Plain AMQP as one broker user: publishes with confirms, and reads queues exactly (a passive declare, not
/// the management API's sampled counters).</summary>
public sealed class Amqp : IAsyncDisposable
{
    private readonly IConnection connection;

    private Amqp(IConnection connection) => this.connection = connection;

    public static async Task<Amqp> ConnectAsync(RabbitMqNode node, string virtualHost, string role)
    {
        var factory = new ConnectionFactory
        {
            HostName = "127.0.0.1", Port = node.Port, VirtualHost = virtualHost,
            UserName = RabbitMqNode.UserName(role), Password = node.Passwords[role],
        };
        return new Amqp(await factory.CreateConnectionAsync());
    }

    public async Task PublishAsync(string exchange, string contentType, byte[] body)
    {
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(true, true));
        var properties = new BasicProperties { ContentType = contentType, DeliveryMode = DeliveryModes.Persistent, MessageId = Guid.NewGuid().ToString() };
        await channel.BasicPublishAsync(exchange, "", mandatory: false, properties, body);
    }

    /// <summary>Messages ready in the queue and consumers on it, at this moment; (0, 0) for a queue that does not exist.</summary>
    public async Task<(uint Messages, uint Consumers)> CountAsync(string queue)
    {
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            var ok = await channel.QueueDeclarePassiveAsync(queue);
            return (ok.MessageCount, ok.ConsumerCount);
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return (0, 0);
        }
    }

    /// <summary>The fault headers of every message in <paramref name="queue"/> (MT-Fault-ExceptionType and MT-Fault-Message,
    /// as MassTransit writes them when it moves a message to _error); the messages stay in the queue.</summary>
    public async Task<IReadOnlyList<(string? Type, string? Message)>> FaultsAsync(string queue)
    {
        await using var channel = await connection.CreateChannelAsync();
        var faults = new List<(string?, string?)>();
        while (await channel.BasicGetAsync(queue, autoAck: false) is { } delivery)
        {
            var headers = delivery.BasicProperties.Headers ?? new Dictionary<string, object?>();
            faults.Add((Header(headers, "MT-Fault-ExceptionType"), Header(headers, "MT-Fault-Message")));
        }
        return faults; // closing the channel puts every unacknowledged message back
    }

    private static string? Header(IDictionary<string, object?> headers, string name) =>
        headers.TryGetValue(name, out var value) ? value switch { byte[] b => Encoding.UTF8.GetString(b), _ => value?.ToString() } : null;

    public async ValueTask DisposeAsync()
    {
        await connection.CloseAsync();
        connection.Dispose();
    }
}
