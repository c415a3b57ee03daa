using System.ComponentModel.DataAnnotations;

namespace Returns.Ingest;

/// <summary>Binds the "Ingest" section: the cheap checks every image passes before anything decodes it.</summary>
public sealed class IngestOptions
{
    public const string Section = "Ingest";

    [Range(1, long.MaxValue)]
    public long MaxBytes { get; set; } = 25 * 1024 * 1024;

    /// <summary>Width × height above this is refused from the header alone: a decompression bomb never reaches memory.</summary>
    [Range(1, long.MaxValue)]
    public long MaxPixels { get; set; } = 50_000_000;

    [Range(1, 100_000)]
    public int MaxSide { get; set; } = 20_000;

    [Range(1, 10_000)]
    public int MinSide { get; set; } = 32;

    /// <summary>When set, HTTP uploads must carry it in the X-Api-Key header.</summary>
    public string? ApiKey { get; set; }
}
