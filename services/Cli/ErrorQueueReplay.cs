using System.Text;
using RabbitMQ.Client;
using Returns.Contracts;
using Returns.ServiceDefaults;
using Spectre.Console;

namespace Returns.Cli;

/// <summary>
/// Lists the messages MassTransit moved to an endpoint's _error queue, grouped by the fault that put them there,
/// and with --requeue sends them back to the queue they came from. Consumers are idempotent, so replaying a
/// message that was in fact handled changes nothing.
/// </summary>
public sealed class ErrorQueueReplay(RabbitMqOptions options)
{
    public static readonly string[] KnownQueues =
        [QueueNames.Classifier, QueueNames.ImageClassified, QueueNames.ImageRejected, QueueNames.ImageReviewed];

    public sealed record Fault(string Queue, string Reason, string? MessageId);

    public async Task<IReadOnlyList<Fault>> RunAsync(IReadOnlyList<string> queues, bool requeue, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory
        {
            VirtualHost = options.VirtualHost, UserName = options.Username ?? "", Password = options.Password ?? "",
        };
        // The first node of the cluster that answers.
        var endpoints = options.Nodes().Select(n => new AmqpTcpEndpoint(n.Host, n.Port)).ToList();
        await using var connection = await factory.CreateConnectionAsync(endpoints, cancellationToken);
        var faults = new List<Fault>();
        foreach (var queue in queues)
            faults.AddRange(await DrainAsync(connection, queue, requeue, cancellationToken));
        return faults;
    }

    private static async Task<IReadOnlyList<Fault>> DrainAsync(IConnection connection, string queue, bool requeue, CancellationToken cancellationToken)
    {
        var errorQueue = queue + "_error";
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        try
        {
            await channel.QueueDeclarePassiveAsync(errorQueue, cancellationToken);
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return []; // no such queue: nothing ever faulted there
        }

        var faults = new List<Fault>();
        // Without --requeue every message is left unacknowledged and returns to the queue when the channel closes.
        while (await channel.BasicGetAsync(errorQueue, autoAck: false, cancellationToken) is { } message)
        {
            var headers = message.BasicProperties.Headers ?? new Dictionary<string, object?>();
            faults.Add(new Fault(queue, Reason(headers), message.BasicProperties.MessageId));
            if (!requeue)
                continue;
            var properties = new BasicProperties(message.BasicProperties)
            {
                Headers = headers.Where(h => !h.Key.StartsWith("MT-Fault-", StringComparison.Ordinal) && h.Key != "MT-Reason")
                    .ToDictionary(h => h.Key, h => h.Value),
            };
            // Through the endpoint's own exchange (bound to its queue), not the default exchange: the replay user
            // needs write permission on these three names only, not on every queue.
            await channel.BasicPublishAsync(queue, "", mandatory: true, properties, message.Body, cancellationToken);
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
        }
        return faults;
    }

    private static string Reason(IDictionary<string, object?> headers)
    {
        var type = Text(headers, "MT-Fault-ExceptionType") ?? "unknown";
        var message = Text(headers, "MT-Fault-Message") ?? "";
        return $"{type}: {message}".TrimEnd(' ', ':');
    }

    private static string? Text(IDictionary<string, object?> headers, string key) => headers.TryGetValue(key, out var value)
        ? value switch { byte[] bytes => Encoding.UTF8.GetString(bytes), null => null, _ => value.ToString() }
        : null;

    public static void Print(IReadOnlyList<Fault> faults, bool requeued)
    {
        if (faults.Count == 0)
        {
            AnsiConsole.MarkupLine("[green]no faulted messages[/]");
            return;
        }
        var table = new Table().AddColumns("queue", "reason", "messages");
        foreach (var group in faults.GroupBy(f => (f.Queue, f.Reason)).OrderByDescending(g => g.Count()))
            table.AddRow(Markup.Escape(group.Key.Queue), Markup.Escape(group.Key.Reason), group.Count().ToString());
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(requeued
            ? $"[green]{faults.Count} messages sent back to their queues[/]"
            : $"{faults.Count} faulted messages; run again with --requeue to send them back");
    }
}
