using System.Security.Cryptography;

namespace Returns.Contracts;

/// <summary>An image's identity, as every message carries it: the SHA-256 of its bytes in lower-case hex, so the same photo
/// under two names is one image. The one place that computes it.</summary>
public static class ImageId
{
    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>For bytes that arrive in pieces: append them to this hash, then read the id with <see cref="Of(IncrementalHash)"/>.</summary>
    public static IncrementalHash NewHash() => IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public static string Of(IncrementalHash hash) => Convert.ToHexStringLower(hash.GetHashAndReset());

    /// <summary>64 lower-case hex digits: no separator, dot or other character a path could be built from.</summary>
    public static bool IsWellFormed(string? id) => id is { Length: 64 } && id.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}
