using Returns.Contracts;

namespace Returns.Results.Storage;

public static class OutcomeStatus
{
    public const string Classified = "classified";
    /// <summary>The model saw the photo, but it is too poor for its label to count: Reason and Detail say why.</summary>
    public const string NeedsRetake = "needs_retake";
    public const string Rejected = "rejected";
}

/// <summary>One stored outcome, keyed by (ImageId, ModelVersion); ModelVersion is empty when ingest refused the input.</summary>
public sealed record StoredOutcome
{
    public required string ImageId { get; init; }
    public required string ModelVersion { get; init; }
    public required string Status { get; init; }
    public required string SourceName { get; init; }
    public string? ReturnId { get; init; }
    public string? LineId { get; init; }
    public string? RunId { get; init; }
    public string? ModelName { get; init; }
    public string? ModelSha256 { get; init; }
    public string? Label { get; init; }
    public float? Confidence { get; init; }
    public IReadOnlyList<LabelScore> TopK { get; init; } = [];
    public string? Stage { get; init; }
    public string? Reason { get; init; }
    public string? Detail { get; init; }
    public string? Worker { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public required DateTimeOffset CompletedAt { get; init; }
    /// <summary>When the results service wrote it (null for outcomes stored before this was recorded).</summary>
    public DateTimeOffset? StoredAt { get; init; }
    /// <summary>The worker's time for this image (decode, preprocessing and inference), when it said.</summary>
    public double? LatencyMs { get; init; }

    public static StoredOutcome From(ImageClassified m) => new()
    {
        ImageId = m.ImageId, ModelVersion = m.Model.Version, Status = m.Retake is null ? OutcomeStatus.Classified : OutcomeStatus.NeedsRetake,
        SourceName = m.SourceName, ReturnId = m.ReturnId, LineId = m.LineId, RunId = m.RunId, ModelName = m.Model.Name, ModelSha256 = m.Model.Sha256,
        Label = m.Label, Confidence = m.Confidence, TopK = m.TopK, Reason = m.Retake?.Reason, Detail = m.Retake?.Detail, Worker = m.Worker,
        ReceivedAt = m.ReceivedAt, CompletedAt = m.ClassifiedAt, LatencyMs = m.LatencyMs,
    };

    public static StoredOutcome From(ImageRejected m) => new()
    {
        ImageId = m.ImageId, ModelVersion = m.Model?.Version ?? "", Status = OutcomeStatus.Rejected, SourceName = m.SourceName,
        ReturnId = m.ReturnId, LineId = m.LineId, RunId = m.RunId, ModelName = m.Model?.Name, ModelSha256 = m.Model?.Sha256, Stage = m.Stage, Reason = m.Reason,
        Detail = m.Detail, ReceivedAt = m.ReceivedAt, CompletedAt = m.RejectedAt,
    };
}
