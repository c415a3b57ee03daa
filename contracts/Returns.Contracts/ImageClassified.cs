using MassTransit;

namespace Returns.Contracts;

[MessageUrn("returns:image-classified:v1")]
public sealed record ImageClassified
{
    public required string ImageId { get; init; }
    public required string SourceName { get; init; }
    public string? ReturnId { get; init; }
    /// <summary>The line of the return the photo shows (added in v1 as optional: null when the photo names no line).</summary>
    public string? LineId { get; init; }
    /// <summary>The nightly run or upload batch the image came with (added in v1 as optional).</summary>
    public string? RunId { get; init; }
    public required ModelIdentity Model { get; init; }
    public required string Label { get; init; }
    public required float Confidence { get; init; }
    /// <summary>The highest scores, best first; the first entry is <see cref="Label"/>.</summary>
    public required IReadOnlyList<LabelScore> TopK { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public required DateTimeOffset ClassifiedAt { get; init; }
    /// <summary>The classifier replica that did the work (added in v1 as optional: older senders leave it null).</summary>
    public string? Worker { get; init; }
    /// <summary>Set when the photo is too poor to trust any label: the outcome is then needs_retake, not a settled label
    /// (added in v1 as optional: null when the photo is fine, and from older senders).</summary>
    public Retake? Retake { get; init; }
    /// <summary>A small JPEG preview (longest side at most 192 px; WebP from older senders) so people see the photo after
    /// the inbox and the claim check are gone (added in v1 as optional).</summary>
    public byte[]? Thumbnail { get; init; }
    /// <summary>The worker's time for this image: its batch's decode, preprocessing and inference, shared per image
    /// (added in v1 as optional: older senders leave it null).</summary>
    public double? LatencyMs { get; init; }
}

public sealed record LabelScore(string Label, float Score);

/// <summary>Names the exact model that produced a result: every number in a report traces back to it.</summary>
public sealed record ModelIdentity(string Name, string Version, string Sha256);
