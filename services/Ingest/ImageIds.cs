using System.Security.Cryptography;

namespace Returns.Ingest;

/// <summary>An image's identity is the SHA-256 of its bytes: the same photo under two names is one image.</summary>
public static class ImageIds
{
    public static string FromBytes(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static async Task<string> FromStreamAsync(Stream stream, CancellationToken cancellationToken) =>
        Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));

    /// <summary>A display name that is safe to log and store: relative, no "..", no control characters, bounded
    /// length. It is only ever a label; no path is built from it.</summary>
    public static string SafeSourceName(string? name)
    {
        var segments = (name ?? "").Replace('\\', '/').Split('/')
            .Select(s => new string(s.Where(c => !char.IsControl(c)).ToArray()).Trim())
            .Where(s => s is not ("" or "." or ".."));
        var clean = string.Join('/', segments);
        if (clean == "")
            clean = "unnamed";
        return clean.Length <= 200 ? clean : clean[^200..];
    }
}
