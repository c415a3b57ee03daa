using Returns.Contracts;

namespace Returns.Results.Shadow;

/// <summary>What a candidate in shadow said about one image, keyed by (ImageId, ModelVersion); kept apart from the
/// outcomes, so it can never reach a report.</summary>
public sealed record ShadowOutcome
{
    public required string ImageId { get; init; }
    public required string ModelVersion { get; init; }
    public required string ModelSha256 { get; init; }
    public string? RunId { get; init; }
    public required string Label { get; init; }
    public required float Confidence { get; init; }
    public string? RetakeReason { get; init; }
    public required double LatencyMs { get; init; }
    public required string Worker { get; init; }
    public required DateTimeOffset ClassifiedAt { get; init; }

    public static ShadowOutcome From(ImageShadowClassified m) => new()
    {
        ImageId = m.ImageId, ModelVersion = m.Model.Version, ModelSha256 = m.Model.Sha256, RunId = m.RunId, Label = m.Label,
        Confidence = m.Confidence, RetakeReason = m.RetakeReason, LatencyMs = m.LatencyMs, Worker = m.Worker, ClassifiedAt = m.ClassifiedAt,
    };
}
