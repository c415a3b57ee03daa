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
    public string Host { get; set; } = "localhost";
    public ushort Port { get; set; } = 5672;
    public string VirtualHost { get; set; } = "/";
    /// <summary>This service's own broker user (returns-ingest, returns-classifier, returns-results, or returns-ops for replay).</summary>
    public string? Username { get; set; }
    public string? Password { get; set; }
}

public static class Transports
{
    public const string InMemory = "InMemory";
    public const string RabbitMq = "RabbitMq";
}
