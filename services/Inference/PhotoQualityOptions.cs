using System.ComponentModel.DataAnnotations;

namespace Returns.Inference;

/// <summary>Binds "Classifier:Quality": the limits under which a photo gets needs_retake instead of a settled label.
/// The defaults were chosen on clothing-small's train split with synthetic degradations (docs/quality-gate.md;
/// rerun with <c>dotnet run -c Release --project tests/Returns.Benchmarks -- quality</c>).</summary>
public sealed class PhotoQualityOptions
{
    public const string Section = "Classifier:Quality";

    public bool Enabled { get; set; } = true;

    /// <summary>too_dark under this mean brightness (0–255).</summary>
    [Range(0.0, 255.0)]
    public double MinBrightness { get; set; } = 35;

    /// <summary>overexposed over this share of the centre blown out to white.</summary>
    [Range(0.0, 1.0)]
    public double MaxCentreClipped { get; set; } = 0.26;

    /// <summary>blank under this standard deviation of brightness (0–255).</summary>
    [Range(0.0, 255.0)]
    public double MinContrast { get; set; } = 9.7;

    /// <summary>blurred under this sharpness (RMS Laplacian over contrast).</summary>
    [Range(0.0, 10.0)]
    public double MinSharpness { get; set; } = 0.15;
}
