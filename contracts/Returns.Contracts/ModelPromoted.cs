using MassTransit;

namespace Returns.Contracts;

/// <summary>The registry changed what workers serve: the production alias moved (a promotion or a rollback), or a
/// candidate was put in shadow or taken out of it. Every classifier worker receives it on its own queue, loads the
/// version beside the one it serves and switches between two batches.</summary>
[MessageUrn("returns:model-promoted:v1")]
public sealed record ModelPromoted
{
    /// <summary>"promote" or "rollback" (production), "shadow" or "end-shadow" (the shadow slot).</summary>
    public required string Action { get; init; }
    /// <summary>The version now in production, or now in shadow; for "end-shadow", the version leaving the shadow.</summary>
    public required string Version { get; init; }
    /// <summary>Its SHA-256 as the registry checked it; a worker loads only a file with this hash.</summary>
    public required string Sha256 { get; init; }
    public string? Previous { get; init; }
    public required string By { get; init; }
    public required DateTimeOffset At { get; init; }
    public string? Reason { get; init; }
}
