using MassTransit;

namespace Returns.Contracts;

/// <summary>An input that could not be classified, with the reason; rejected inputs are recorded, never dropped.</summary>
[MessageUrn("returns:image-rejected:v1")]
public sealed record ImageRejected
{
    public required string ImageId { get; init; }
    public required string SourceName { get; init; }
    public string? ReturnId { get; init; }
    /// <summary>The line of the return the photo shows (added in v1 as optional: null when the photo names no line).</summary>
    public string? LineId { get; init; }
    /// <summary>The nightly run or upload batch the image came with (added in v1 as optional).</summary>
    public string? RunId { get; init; }
    /// <summary>Where it was rejected: <see cref="RejectionStages"/>.</summary>
    public required string Stage { get; init; }
    /// <summary>A stable code from <see cref="RejectionReasons"/>.</summary>
    public required string Reason { get; init; }
    public required string Detail { get; init; }
    /// <summary>The model that tried to decode it; null when ingest rejected it before any model saw it.</summary>
    public ModelIdentity? Model { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public required DateTimeOffset RejectedAt { get; init; }
}

public static class RejectionStages
{
    public const string Ingest = "ingest";
    public const string Classifier = "classifier";
}

public static class RejectionReasons
{
    public const string Empty = "empty";
    public const string TooLarge = "too_large";
    public const string UnsupportedType = "unsupported_type";
    public const string CorruptHeader = "corrupt_header";
    public const string TooManyPixels = "too_many_pixels";
    public const string TooSmall = "too_small";
    public const string NotARegularFile = "not_a_regular_file";
    public const string Unreadable = "unreadable";
    public const string Truncated = "truncated";
    public const string Undecodable = "undecodable";
    /// <summary>The inbox entry lies deeper than Ingest:InboxMaxDepth folders; it was not read.</summary>
    public const string TooDeep = "too_deep";
    /// <summary>The inbox holds more than Ingest:InboxMaxEntries entries; the rest was not read.</summary>
    public const string InboxLimit = "inbox_limit";
    /// <summary>The inbox entry's name is not valid UTF-8: it cannot be opened or reported by its own name.</summary>
    public const string InvalidName = "invalid_name";
    /// <summary>The message's image address is not one the claim-check store issued, or names a link or special file.</summary>
    public const string ClaimCheckRefused = "claim_check_refused";
    /// <summary>The image bytes are no longer in the claim-check store.</summary>
    public const string ImageMissing = "image_missing";
}
