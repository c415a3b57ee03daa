namespace Returns.Classifier.Imaging;

/// <summary>Either a filled tensor or a rejection reason; decoding failures are values, not exceptions.</summary>
public readonly record struct DecodeResult(bool Succeeded, string? Reason, string? Detail)
{
    public static DecodeResult Success { get; } = new(true, null, null);

    public static DecodeResult Failed(string reason, string detail) => new(false, reason, detail);
}
