using Returns.Results.Reports;

namespace Returns.Results.Storage;

/// <summary>The results store port. Writes are idempotent: the first outcome for (ImageId, ModelVersion) wins and
/// any later copy of it changes nothing, so a redelivered or duplicated message is harmless.</summary>
public interface IResultStore
{
    /// <summary>Creates the schema or indexes if missing; safe to call any number of times (the other calls do).</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Returns true when the outcome was new, false when it was already stored.</summary>
    Task<bool> SaveAsync(StoredOutcome outcome, CancellationToken cancellationToken);

    /// <summary>The outcomes of these images for <paramref name="modelVersion"/> (null: for every version), plus any refusals by ingest.</summary>
    Task<IReadOnlyList<StoredOutcome>> FindAsync(IReadOnlyCollection<string> imageIds, string? modelVersion, CancellationToken cancellationToken);

    /// <summary>Outcomes matching <paramref name="query"/>, oldest first (then by image id), at most Limit of them.</summary>
    Task<IReadOnlyList<StoredOutcome>> QueryAsync(ResultQuery query, CancellationToken cancellationToken);

    /// <summary>How many outcomes match <paramref name="query"/>, ignoring Skip and Limit (for paging).</summary>
    Task<int> CountAsync(ResultQuery query, CancellationToken cancellationToken);

    /// <summary>Stores a review; returns false when this ReviewId was already stored (a redelivery changes nothing).</summary>
    Task<bool> SaveReviewAsync(StoredReview review, CancellationToken cancellationToken);

    /// <summary>Removes a review (its reviewer took it back); returns false when no review has this id (already
    /// withdrawn, or never stored).</summary>
    Task<bool> WithdrawReviewAsync(Guid reviewId, CancellationToken cancellationToken);

    /// <summary>The latest review of each of these images (by ReviewedAt, then ReviewId), if any.</summary>
    Task<IReadOnlyList<StoredReview>> FindReviewsAsync(IReadOnlyCollection<string> imageIds, CancellationToken cancellationToken);

    /// <summary>Reviews matching <paramref name="query"/>, oldest first; every review, not just the latest per image.</summary>
    Task<IReadOnlyList<StoredReview>> QueryReviewsAsync(ReviewQuery query, CancellationToken cancellationToken);

    /// <summary>Agreement between <see cref="ReviewQuery.ModelVersion"/> (required) and the people who reviewed its
    /// outcomes: the latest of each image's reviews that match <paramref name="query"/> (its Limit is ignored), as
    /// <see cref="ReviewAgreement.Of"/> makes of them, counted by the store.</summary>
    Task<ReviewAgreement> TallyAgreementAsync(ReviewQuery query, CancellationToken cancellationToken);

    /// <summary>Keeps an image's preview; the first one stored wins.</summary>
    Task SaveThumbnailAsync(string imageId, byte[] thumbnail, CancellationToken cancellationToken);

    Task<byte[]?> FindThumbnailAsync(string imageId, CancellationToken cancellationToken);
}
