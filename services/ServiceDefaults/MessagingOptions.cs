using System.ComponentModel.DataAnnotations;

namespace Returns.ServiceDefaults;

/// <summary>Binds the "Messaging" section: which transport carries the messages, and where image bytes wait.</summary>
public sealed class MessagingOptions
{
    public const string Section = "Messaging";

    /// <summary>InMemory (one process, the embedded default) or RabbitMq (distributed).</summary>
    [Required]
    public string Transport { get; set; } = Transports.InMemory;

    /// <summary>The claim-check folder for image bytes; every process of one deployment must see the same folder.</summary>
    [Required]
    public string ClaimCheckPath { get; set; } = "returns-data/claim-check";

    public RabbitMqOptions RabbitMq { get; set; } = new();
}

public sealed class RabbitMqOptions
{
    public string Host { get; set; } = "localhost";
    public ushort Port { get; set; } = 5672;
    public string VirtualHost { get; set; } = "/";
    public string Username { get; set; } = "guest";
    public string Password { get; set; } = "guest";
}

public static class Transports
{
    public const string InMemory = "InMemory";
    public const string RabbitMq = "RabbitMq";
}
