using MassTransit;

namespace Returns.Contracts;

/// <summary>An image passed ingest validation; its bytes wait in the claim-check store.</summary>
[MessageUrn("returns:image-received:v1")]
public sealed record ImageReceived
{
    /// <summary>Lower-case hex SHA-256 of the image bytes: the same photo is always the same image.</summary>
    public required string ImageId { get; init; }
    public required string SourceName { get; init; }
    public string? ReturnId { get; init; }
    /// <summary>The line of the return the photo shows (added in v1 as optional: null when the photo names no line).</summary>
    public string? LineId { get; init; }
    /// <summary>The nightly run or upload batch the image came with (added in v1 as optional).</summary>
    public string? RunId { get; init; }
    public required string ContentType { get; init; }
    public required long ByteSize { get; init; }
    public required int Width { get; init; }
    public required int Height { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public required MessageData<byte[]> Image { get; init; }
}
