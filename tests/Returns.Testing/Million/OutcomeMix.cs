namespace Returns.Testing.Million;

/// <summary>What a generated night looks like, in shares of its outcomes and images; the defaults follow the production
/// model's card (class mix of its baseline, about 85 % of labels over its review threshold) and what staff review.</summary>
public sealed record OutcomeMix
{
    public int Outcomes { get; init; } = 1_000_000;
    public int Nights { get; init; } = 30;
    public DateTimeOffset FirstNight { get; init; } = new(2026, 11, 1, 1, 0, 0, TimeSpan.Zero);
    public int Seed { get; init; } = 23;

    /// <summary>The version in production before the promotion, and the one after it.</summary>
    public string EarlierVersion { get; init; } = "clothing-mobilenetv2-v2";
    public string LaterVersion { get; init; } = "clothing-mobilenetv2-v3";
    /// <summary>Nights before this share of the period ran on the earlier version.</summary>
    public double PromotedAfter { get; init; } = 0.4;
    /// <summary>Images of the earlier version classified again by the later one (an operator's re-run).</summary>
    public double ClassifiedTwice { get; init; } = 0.005;

    public double NeedsRetake { get; init; } = 0.04;
    public double RejectedByClassifier { get; init; } = 0.01;
    public double RefusedByIngest { get; init; } = 0.02;
    /// <summary>Share of classified labels the model is unsure of (under about 0.8).</summary>
    public double Unsure { get; init; } = 0.14;
    /// <summary>Share of unsure labels and retakes that staff reviewed, and of those the share they relabelled.</summary>
    public double Reviewed { get; init; } = 0.5;
    public double Corrected { get; init; } = 0.25;
    /// <summary>Share of images that belong to a return line.</summary>
    public double InReturns { get; init; } = 0.2;

    public static readonly IReadOnlyDictionary<string, double> ClassMix = new Dictionary<string, double>
    {
        ["dress"] = 0.0403, ["hat"] = 0.0376, ["longsleeve"] = 0.1962, ["outwear"] = 0.1075, ["pants"] = 0.1183,
        ["shirt"] = 0.0672, ["shoes"] = 0.1855, ["shorts"] = 0.0753, ["skirt"] = 0.0323, ["t-shirt"] = 0.1398,
    };

    public static readonly string[] RetakeReasons = ["too_dark", "overexposed", "blank", "blurred"];
    public static readonly string[] ClassifierRejections = ["undecodable", "truncated"];
    public static readonly string[] IngestRefusals = ["not_an_image", "too_large", "too_many_pixels", "empty"];
}
