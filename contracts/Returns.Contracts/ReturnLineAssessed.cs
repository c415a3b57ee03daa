using MassTransit;

namespace Returns.Contracts;

/// <summary>Results' verdict on one line of a return: does what the photos show match what the customer declared?
/// Published again, with a higher <see cref="Revision"/>, whenever the verdict changes (a photo arrives late, staff
/// correct a label). A consumer dedupes on (ReturnId, LineId, Revision) and keeps the highest revision.
/// Schema: contracts/schemas/return-line-assessed.v1.schema.json.</summary>
[MessageUrn("returns:return-line-assessed:v1")]
public sealed record ReturnLineAssessed
{
    public required string ReturnId { get; init; }
    public required string LineId { get; init; }
    public required string OrderId { get; init; }
    /// <summary>1 for the first verdict on the line, one more for each change.</summary>
    public required int Revision { get; init; }
    /// <summary>One of <see cref="LineVerdicts"/>.</summary>
    public required string Verdict { get; init; }
    /// <summary>Why, as a stable code from <see cref="LineVerdictReasons"/>.</summary>
    public required string Reason { get; init; }
    public required string Sku { get; init; }
    public required string DeclaredCategory { get; init; }
    /// <summary>The model labels the declared category (or SKU prefix) maps to; empty when it maps to none.</summary>
    public required IReadOnlyList<string> DeclaredLabels { get; init; }
    /// <summary>The label most of the line's settled photos show (staff's label where they reviewed it); null if none is settled.</summary>
    public string? PredictedLabel { get; init; }
    public required IReadOnlyList<AssessedPhoto> Photos { get; init; }
    public required DateTimeOffset AssessedAt { get; init; }
}

/// <param name="Status">classified, needs_retake, rejected or pending (no outcome yet).</param>
/// <param name="Label">The final label: staff's if reviewed, else the model's; null when there is none.</param>
/// <param name="Settled">True when the label counts: reviewed by staff, or classified at or above the review threshold.</param>
public sealed record AssessedPhoto(string ImageId, string Status, string? Label, float? Confidence, bool Settled);

public static class LineVerdicts
{
    public const string Matches = "matches";
    public const string Mismatch = "mismatch";
    public const string Inconclusive = "inconclusive";
    public const string Incomplete = "incomplete";
}

public static class LineVerdictReasons
{
    public const string AllPhotosMatch = "all_photos_match";
    /// <summary>At least one settled photo shows something the declared category does not cover.</summary>
    public const string PhotoShowsOther = "photo_shows_other";
    public const string LowConfidence = "low_confidence";
    public const string NeedsRetake = "needs_retake";
    public const string Rejected = "rejected";
    /// <summary>Neither the declared category nor the SKU maps to model labels (see Results:CategoryMapPath).</summary>
    public const string UnmappedCategory = "unmapped_category";
    /// <summary>The deadline passed before any photo of the line arrived.</summary>
    public const string NoPhotos = "no_photos";
    /// <summary>The deadline passed while some photos still had no outcome.</summary>
    public const string PhotosPending = "photos_pending";
}
