namespace Returns.Inference.Imaging;

/// <summary>Either a filled tensor with the photo's quality measures, or a rejection reason; decoding failures are
/// values, not exceptions.</summary>
public readonly record struct DecodeResult(bool Succeeded, string? Reason, string? Detail)
{
    /// <summary>Measured on the same pixels as the tensor; meaningful only when <see cref="Succeeded"/>.</summary>
    public PhotoMeasures Quality { get; init; }

    /// <summary>A JPEG preview of the upright photo, when one was asked for.</summary>
    public byte[]? Thumbnail { get; init; }

    public static DecodeResult Decoded(PhotoMeasures quality) => new(true, null, null) { Quality = quality };

    public static DecodeResult Failed(string reason, string detail) => new(false, reason, detail);
}
