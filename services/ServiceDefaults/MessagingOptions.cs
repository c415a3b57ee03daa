using System.ComponentModel.DataAnnotations;

namespace Returns.ServiceDefaults;

/// <summary>Binds the "Messaging" section: which transport carries the messages, and where image bytes wait.</summary>
public sealed class MessagingOptions : IValidatableObject
{
    public const string Section = "Messaging";

    /// <summary>InMemory (one process, the embedded default) or RabbitMq (distributed).</summary>
    [Required]
    public string Transport { get; set; } = Transports.InMemory;

    /// <summary>The claim-check folder for image bytes; every process of one deployment must see the same folder.</summary>
    [Required]
    public string ClaimCheckPath { get; set; } = "returns-data/claim-check";

    /// <summary>How long an image's bytes stay in the claim check after its outcome is stored (copies still in
    /// flight may need them); a duplicate outcome deletes them at once.</summary>
    public TimeSpan ClaimCheckGracePeriod { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long an image whose outcome needs a person (needs_retake, or a confidence under the review
    /// threshold) keeps its bytes after the outcome is stored, so that a corrections export gets the original photo.</summary>
    public TimeSpan ReviewHoldPeriod { get; set; } = TimeSpan.FromDays(7);

    public RabbitMqOptions RabbitMq { get; set; } = new();

    public bool Distributed => Transport == Transports.RabbitMq;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Distributed)
            yield break;
        if (string.IsNullOrEmpty(RabbitMq.Username) || string.IsNullOrEmpty(RabbitMq.Password))
            yield return new ValidationResult(
                "Messaging:RabbitMq:Username and Password are not set: a distributed service connects with its own broker user "
                + "(see docs/SECURITY.md; ops/rabbitmq-users.sh creates them)", [nameof(RabbitMq)]);
        else if (RabbitMq.Username == "guest")
            yield return new ValidationResult(
                "Messaging:RabbitMq:Username is guest: guest is for a throwaway local broker only; give each service its own user", [nameof(RabbitMq)]);
    }
}

public sealed class RabbitMqOptions
{
    /// <summary>The broker when it is one node; ignored once <see cref="Hosts"/> names any.</summary>
    public string Host { get; set; } = "localhost";

    /// <summary>Every node of a RabbitMQ cluster, "host" or "host:port" (default <see cref="Port"/>): a client connects
    /// to one that answers and moves to another when it loses it. In environment variables Hosts__0, Hosts__1, …</summary>
    public List<string> Hosts { get; set; } = [];

    public ushort Port { get; set; } = 5672;

    /// <summary>AMQP heartbeat: a connection whose peer went silent (a cut link, a paused node) is given up after about
    /// two of these, and the client moves to another node; RabbitMQ.Client's own default is 60 s.</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(10);
    public string VirtualHost { get; set; } = "/";
    /// <summary>This service's own broker user (returns-ingest, returns-classifier, returns-results, or returns-ops for replay).</summary>
    public string? Username { get; set; }
    public string? Password { get; set; }

    /// <summary>The nodes to try, in order: <see cref="Hosts"/>, or <see cref="Host"/> alone.</summary>
    public IReadOnlyList<BrokerNode> Nodes() => Hosts.Count == 0
        ? [new BrokerNode(Host, Port)]
        : Hosts.Select(h => BrokerNode.Parse(h, Port)).ToArray();
}

/// <summary>One node of the broker: a host name or address and its AMQP port.</summary>
public sealed record BrokerNode(string Host, ushort Port)
{
    public static BrokerNode Parse(string value, ushort defaultPort)
    {
        var colon = value.LastIndexOf(':');
        return colon > 0 && ushort.TryParse(value[(colon + 1)..], out var port)
            ? new BrokerNode(value[..colon], port)
            : new BrokerNode(value, defaultPort);
    }

    public override string ToString() => $"{Host}:{Port}";
}

public static class Transports
{
    public const string InMemory = "InMemory";
    public const string RabbitMq = "RabbitMq";
}
