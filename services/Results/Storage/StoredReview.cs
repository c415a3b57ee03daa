using Returns.Contracts;

namespace Returns.Results.Storage;

/// <summary>One stored review, keyed by ReviewId. The latest review of an image (by ReviewedAt) is its final word.</summary>
public sealed record StoredReview
{
    public required Guid ReviewId { get; init; }
    public required string ImageId { get; init; }
    public required string ModelVersion { get; init; }
    public string? PreviousLabel { get; init; }
    public required string ReviewedLabel { get; init; }
    public required string Reviewer { get; init; }
    public required DateTimeOffset ReviewedAt { get; init; }

    public bool Corrected => !string.Equals(PreviousLabel, ReviewedLabel, StringComparison.Ordinal);

    public static StoredReview From(ImageReviewed m) => new()
    {
        ReviewId = m.ReviewId, ImageId = m.ImageId, ModelVersion = m.ModelVersion, PreviousLabel = m.PreviousLabel,
        ReviewedLabel = m.ReviewedLabel, Reviewer = m.Reviewer, ReviewedAt = m.ReviewedAt,
    };
}

/// <summary>Which reviews to return: reviewed in [From, To), optionally of one model version, oldest first.</summary>
public sealed record ReviewQuery
{
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public string? ModelVersion { get; init; }
    public int Limit { get; init; } = 100_000;
}
