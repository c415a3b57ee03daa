using Returns.Contracts;
using Returns.Results.Storage;

namespace Returns.Results.Lines;

/// <summary>All a line's verdict depends on: the declaration, the labels it maps to, what became of each photo, and
/// whether the deadline for waiting has passed.</summary>
public sealed record LineEvidence(RegisteredLine Line, IReadOnlyList<string> DeclaredLabels, IReadOnlyList<AssessedPhoto> Photos, bool DeadlinePassed)
{
    public const string Pending = "pending";

    /// <summary>What one photo says: staff's label settles it; else a classification at or above the review threshold does.</summary>
    public static AssessedPhoto Photo(string imageId, StoredOutcome? outcome, StoredReview? review, double reviewThreshold)
    {
        if (outcome is null)
            return review is null ? new AssessedPhoto(imageId, Pending, null, null, false) : new AssessedPhoto(imageId, Pending, review.ReviewedLabel, null, true);
        if (review is not null)
            return new AssessedPhoto(imageId, outcome.Status, review.ReviewedLabel, outcome.Confidence, true);
        var settled = outcome.Status == OutcomeStatus.Classified && !NeedsPerson.Of(outcome, reviewed: false, reviewThreshold);
        return new AssessedPhoto(imageId, outcome.Status, outcome.Label, outcome.Confidence, settled);
    }
}
