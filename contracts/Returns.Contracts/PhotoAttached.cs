using MassTransit;

namespace Returns.Contracts;

/// <summary>Ingest took a photo for a line of a return. Results links the photo to the line even when the photo was
/// classified before (the same bytes are one image), so a line knows every photo it waits for.</summary>
[MessageUrn("returns:photo-attached:v1")]
public sealed record PhotoAttached
{
    public required string ImageId { get; init; }
    public required string ReturnId { get; init; }
    public required string LineId { get; init; }
    public required string SourceName { get; init; }
    public required DateTimeOffset AttachedAt { get; init; }
}
