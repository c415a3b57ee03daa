namespace Returns.ServiceDefaults.ClaimCheck;

/// <summary>
/// A claim-check address is <c>urn:returns:claim-check:</c> followed by the SHA-256 (lower-case hex) of the bytes:
/// a name the store itself generated. Anything else — a path, "..", another scheme — is refused before any
/// file is touched, so a message cannot make a service read, or probe for, a file of its choosing.
/// </summary>
public static class ClaimCheckAddress
{
    public const string Prefix = "urn:returns:claim-check:";

    public static Uri For(string id) => IsId(id) ? new Uri(Prefix + id) : throw new ArgumentException("not a claim-check id", nameof(id));

    public static bool TryParse(Uri? address, out string id)
    {
        id = "";
        var text = address?.OriginalString;
        if (text is null || !text.StartsWith(Prefix, StringComparison.Ordinal) || !IsId(text[Prefix.Length..]))
            return false;
        id = text[Prefix.Length..];
        return true;
    }

    /// <summary>64 lower-case hex digits: no separator, dot or other character a path could be built from.</summary>
    public static bool IsId(string? id) => id is { Length: 64 } && id.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}
