using MassTransit;

namespace Returns.Contracts;

/// <summary>A candidate in shadow classified a copy of a live image. It goes to a store of its own and never reaches a
/// report: it exists only to compare the candidate with production (`returns model compare`).</summary>
[MessageUrn("returns:image-shadow-classified:v1")]
public sealed record ImageShadowClassified
{
    public required string ImageId { get; init; }
    public string? RunId { get; init; }
    public required ModelIdentity Model { get; init; }
    public required string Label { get; init; }
    public required float Confidence { get; init; }
    /// <summary>Set when the photo was too poor to trust the label (see <see cref="Retake"/>).</summary>
    public string? RetakeReason { get; init; }
    /// <summary>The worker's time for this image: its batch's decode, preprocessing and inference, shared per image.</summary>
    public required double LatencyMs { get; init; }
    public required string Worker { get; init; }
    public required DateTimeOffset ClassifiedAt { get; init; }
}
