namespace Returns.Images;

/// <summary>The outcome of the checks at the door: a readable header with sane dimensions, or a reason code.</summary>
public sealed record Inspection(string? ContentType, int Width, int Height, string? RejectionReason, string? Detail)
{
    public bool Accepted => RejectionReason is null;

    public static Inspection Accept(string contentType, int width, int height) => new(contentType, width, height, null, null);

    public static Inspection Reject(string reason, string detail) => new(null, 0, 0, reason, detail);
}
