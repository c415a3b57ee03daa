namespace Returns.Images;

/// <summary>Recognises the accepted formats by their first bytes, never by file name or declared type.</summary>
public static class ImageFormats
{
    /// <summary>The media types <see cref="Sniff"/> recognises: the only ones a form may offer (its accept attribute).</summary>
    public static readonly IReadOnlyList<string> Accepted = ["image/jpeg", "image/png", "image/webp"];

    /// <summary>The same, as people read it.</summary>
    public const string AcceptedInWords = "JPEG, PNG or WebP";

    public static string? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
            return "image/jpeg";
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
            return "image/png";
        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
            return "image/webp";
        return null;
    }

    /// <summary>The formats a classifier's preview may come in: JPEG (since the throughput work, issue 12) or WebP (before it;
    /// stores keep those).</summary>
    public static bool IsPreview(ReadOnlySpan<byte> bytes) => Sniff(bytes) is "image/jpeg" or "image/webp";
}
