using System.ComponentModel.DataAnnotations;

namespace Returns.Images;

/// <summary>Binds the "ImageLimits" section: the checks every stage applies to an image before decoding it.
/// Ingest applies them at the door and the classifier again, since no stage trusts another.</summary>
public sealed class ImageLimits
{
    public const string Section = "ImageLimits";

    [Range(1, long.MaxValue)]
    public long MaxBytes { get; set; } = 25 * 1024 * 1024;

    /// <summary>Width × height above this is refused from the header alone: a decompression bomb never reaches memory.</summary>
    [Range(1, long.MaxValue)]
    public long MaxPixels { get; set; } = 50_000_000;

    [Range(1, 100_000)]
    public int MaxSide { get; set; } = 20_000;

    [Range(1, 10_000)]
    public int MinSide { get; set; } = 32;
}
