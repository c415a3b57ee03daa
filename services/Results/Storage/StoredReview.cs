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

    /// <summary>Each image's final word: its latest review by ReviewedAt, then by ReviewId's text (as the stores sort
    /// it), in image id order.</summary>
    public static IReadOnlyList<StoredReview> LatestPerImage(IEnumerable<StoredReview> reviews) => reviews
        .GroupBy(r => r.ImageId)
        .Select(g => g.OrderByDescending(r => r.ReviewedAt).ThenByDescending(r => r.ReviewId.ToString(), StringComparer.Ordinal).First())
        .OrderBy(r => r.ImageId, StringComparer.Ordinal)
        .ToArray();
}

/// <summary>Which reviews to return: reviewed in [From, To), optionally of one model version or one image, oldest first.</summary>
public sealed record ReviewQuery
{
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public string? ModelVersion { get; init; }
    /// <summary>Only this image's reviews: its whole history.</summary>
    public string? ImageId { get; init; }
    public int Limit { get; init; } = 100_000;
}
