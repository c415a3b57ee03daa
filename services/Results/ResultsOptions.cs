using System.ComponentModel.DataAnnotations;
using Returns.Results.Reports;

namespace Returns.Results;

/// <summary>Binds the "Results" section.</summary>
public sealed class ResultsOptions
{
    public const string Section = "Results";

    /// <summary>The embedded store: a SQLite file in WAL mode.</summary>
    [Required]
    public string SqlitePath { get; set; } = "returns-data/results.db";

    /// <summary>The production store: when set, results go to MongoDB instead of SQLite.</summary>
    public string? MongoConnectionString { get; set; }

    [Required]
    public string MongoDatabase { get; set; } = "returns";

    /// <summary>Where compiled period reports are written.</summary>
    [Required]
    public string ReportsPath { get; set; } = "returns-data/reports";

    /// <summary>When to compile the report of the last <see cref="ReportPeriodHours"/> (cron, UTC). Empty turns it off.</summary>
    public string ReportCron { get; set; } = "0 6 * * *";

    [Range(1, 24 * 31)]
    public int ReportPeriodHours { get; set; } = 24;

    /// <summary>Classified images under this confidence go to the human-review queue. Empty means the threshold in the
    /// model's card, which training chose for the card's target accuracy on what is not reviewed.</summary>
    [Range(0.0, 1.0)]
    public double? LowConfidenceThreshold { get; set; }

    /// <summary>The review threshold for a model whose card names none.</summary>
    public const double FallbackThreshold = 0.6;

    /// <summary>Under this confidence a classified image needs a person: the setting, else the card's, else the fallback.</summary>
    public double ReviewThreshold(ModelFacts? facts) => LowConfidenceThreshold ?? facts?.ReviewThreshold ?? FallbackThreshold;

    /// <summary>Flag drift when tonight's class mix differs from the model card's by more than this (total variation).</summary>
    [Range(0.0, 1.0)]
    public double DriftMixThreshold { get; set; } = 0.25;

    /// <summary>Flag drift when mean confidence falls this far under the model card's.</summary>
    [Range(0.0, 1.0)]
    public double DriftConfidenceDrop { get; set; } = 0.10;

    /// <summary>The retailer's categories and SKU prefixes mapped to model labels (JSON); empty means the
    /// category-map.json beside the binaries.</summary>
    public string? CategoryMapPath { get; set; }

    /// <summary>A line whose photos are not all settled this long after its return was registered gets an incomplete verdict.</summary>
    public TimeSpan LineVerdictDeadline { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often lines past their deadline are looked for.</summary>
    public TimeSpan LineSweepInterval { get; set; } = TimeSpan.FromMinutes(1);
}
