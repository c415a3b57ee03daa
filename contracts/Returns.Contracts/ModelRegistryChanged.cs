using System.Text.Json.Serialization;
using MassTransit;

namespace Returns.Contracts;

/// <summary>The registry changed what workers serve: the production alias moved (a promotion or a rollback), or a
/// candidate was put in shadow or taken out of it. Every classifier worker receives it on its own queue, loads the
/// version beside the one it serves and switches between two batches.</summary>
[MessageUrn("returns:model-registry-changed:v1")]
public sealed record ModelRegistryChanged
{
    public required ModelRegistryAction Action { get; init; }
    /// <summary>The version now in production, or now in shadow; for <see cref="ModelRegistryAction.EndShadow"/>, the
    /// version leaving the shadow.</summary>
    public required string Version { get; init; }
    /// <summary>Its SHA-256 as the registry checked it; a worker loads only a file with this hash.</summary>
    public required string Sha256 { get; init; }
    public string? Previous { get; init; }
    public required string By { get; init; }
    public required DateTimeOffset At { get; init; }
    public string? Reason { get; init; }
}

/// <summary>Which alias moved. On the wire it is the registry's own word ("promote", "end-shadow"); a word not listed
/// here fails to deserialize, and a number outside the list is refused at the worker's edge: neither is ever taken for
/// a promotion.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ModelRegistryAction>))]
public enum ModelRegistryAction
{
    /// <summary>Production moved forward to <see cref="ModelRegistryChanged.Version"/>.</summary>
    [JsonStringEnumMemberName("promote")] Promote = 1,
    /// <summary>Production moved back to <see cref="ModelRegistryChanged.Version"/>.</summary>
    [JsonStringEnumMemberName("rollback")] Rollback = 2,
    [JsonStringEnumMemberName("shadow")] Shadow = 3,
    [JsonStringEnumMemberName("end-shadow")] EndShadow = 4,
}
