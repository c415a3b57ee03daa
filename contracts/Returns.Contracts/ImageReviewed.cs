using MassTransit;

namespace Returns.Contracts;

/// <summary>A person looked at an image's outcome and settled its label. ReviewId makes it idempotent: the same review
/// delivered twice is stored once; a later review of the same image supersedes an earlier one.</summary>
[MessageUrn("returns:image-reviewed:v1")]
public sealed record ImageReviewed
{
    public required Guid ReviewId { get; init; }
    public required string ImageId { get; init; }
    /// <summary>The model version whose outcome was reviewed.</summary>
    public required string ModelVersion { get; init; }
    /// <summary>The label the model gave (null if it gave none).</summary>
    public string? PreviousLabel { get; init; }
    /// <summary>The label the reviewer chose; equal to PreviousLabel when they confirmed the model.</summary>
    public required string ReviewedLabel { get; init; }
    /// <summary>The signed-in user name of the reviewer.</summary>
    public required string Reviewer { get; init; }
    public required DateTimeOffset ReviewedAt { get; init; }
}
