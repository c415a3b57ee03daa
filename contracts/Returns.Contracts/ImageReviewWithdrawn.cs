using MassTransit;

namespace Returns.Contracts;

/// <summary>A reviewer took back a review they had just made (Undo in the console): the review is removed, so the image's
/// label is again the model's (or an earlier review's) and the image waits in the review queue again. Withdrawing a review
/// that is already gone changes nothing.</summary>
[MessageUrn("returns:image-review-withdrawn:v1")]
public sealed record ImageReviewWithdrawn
{
    public required Guid ReviewId { get; init; }
    public required string ImageId { get; init; }
    /// <summary>The signed-in user name of whoever withdrew it (only the reviewer who made it may).</summary>
    public required string WithdrawnBy { get; init; }
    public required DateTimeOffset WithdrawnAt { get; init; }
}
