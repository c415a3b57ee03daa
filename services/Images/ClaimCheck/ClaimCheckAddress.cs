using Returns.Contracts;

namespace Returns.Images.ClaimCheck;

/// <summary>
/// A claim-check address is <c>urn:returns:claim-check:</c> followed by the SHA-256 (lower-case hex) of the bytes:
/// a name the store itself generated. Anything else — a path, "..", another scheme — is refused before any
/// file is touched, so a message cannot make a service read, or probe for, a file of its choosing.
/// </summary>
public static class ClaimCheckAddress
{
    public const string Prefix = "urn:returns:claim-check:";

    public static Uri For(string id) => ImageId.IsWellFormed(id) ? new Uri(Prefix + id) : throw new ArgumentException("not a claim-check id", nameof(id));

    public static bool TryParse(Uri? address, out string id)
    {
        id = "";
        var text = address?.OriginalString;
        if (text is null || !text.StartsWith(Prefix, StringComparison.Ordinal) || !ImageId.IsWellFormed(text[Prefix.Length..]))
            return false;
        id = text[Prefix.Length..];
        return true;
    }
}
