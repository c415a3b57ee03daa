using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using Returns.Contracts;
using Returns.Testing;

namespace Returns.Distributed.Tests.Returns;

/// <summary>Plain AMQP, no MassTransit: publishes returns as an upstream system does, and listens to verdicts as a
/// downstream system would (its own queue bound to the ReturnLineAssessed exchange).</summary>
public sealed class BrokerClient : IAsyncDisposable
{
    public const string VerdictExchange = "Returns.Contracts:ReturnLineAssessed";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IConnection connection;
    private readonly IChannel channel;

    private BrokerClient(IConnection connection, IChannel channel) => (this.connection, this.channel) = (connection, channel);

    public static async Task<BrokerClient> ConnectAsync(RabbitMqNode node, string virtualHost, string role)
    {
        var factory = new ConnectionFactory
        {
            HostName = "127.0.0.1", Port = node.Port, VirtualHost = virtualHost,
            UserName = RabbitMqNode.UserName(role), Password = node.Passwords[role],
        };
        var connection = await factory.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        return new BrokerClient(connection, channel);
    }

    /// <summary>A ReturnRegistered as plain JSON to the documented exchange.</summary>
    public async Task PublishReturnAsync(ReturnRegistered registered)
    {
        var properties = new BasicProperties { ContentType = "application/json", DeliveryMode = DeliveryModes.Persistent };
        await channel.BasicPublishAsync("return-registered", "", mandatory: true, properties, JsonSerializer.SerializeToUtf8Bytes(registered, Json));
    }

    /// <summary>Declares a queue that receives every verdict published from now on.</summary>
    public async Task ListenToVerdictsAsync(string queue)
    {
        await channel.ExchangeDeclareAsync(VerdictExchange, ExchangeType.Fanout, durable: true);
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        await channel.QueueBindAsync(queue, VerdictExchange, "");
    }

    /// <summary>Every verdict waiting in <paramref name="queue"/> (the MassTransit envelope's message).</summary>
    public async Task<IReadOnlyList<ReturnLineAssessed>> DrainVerdictsAsync(string queue)
    {
        var verdicts = new List<ReturnLineAssessed>();
        while (await channel.BasicGetAsync(queue, autoAck: true) is { } delivery)
        {
            using var envelope = JsonDocument.Parse(Encoding.UTF8.GetString(delivery.Body.Span));
            verdicts.Add(envelope.RootElement.GetProperty("message").Deserialize<ReturnLineAssessed>(Json)!);
        }
        return verdicts;
    }

    public async ValueTask DisposeAsync()
    {
        await channel.CloseAsync();
        await connection.CloseAsync();
    }
}
