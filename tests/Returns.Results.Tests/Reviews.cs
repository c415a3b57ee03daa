using Returns.Contracts;
using Returns.Results.Storage;

namespace Returns.Results.Tests;

/// <summary>Reviews as the consumer would store them, built from the real message shape.</summary>
public static class Reviews
{
    public static readonly DateTimeOffset Morning = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    public static StoredReview Of(string imageId, string reviewedLabel, string? previousLabel = "shoes", int minute = 0,
        Guid? reviewId = null, string modelVersion = "v1", string reviewer = "ana") =>
        StoredReview.From(new ImageReviewed
        {
            ReviewId = reviewId ?? Guid.NewGuid(), ImageId = imageId, ModelVersion = modelVersion, PreviousLabel = previousLabel,
            ReviewedLabel = reviewedLabel, Reviewer = reviewer, ReviewedAt = Morning.AddMinutes(minute),
        });
}
