using System.ComponentModel.DataAnnotations;

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

    /// <summary>Classified images under this confidence go to the human-review queue.</summary>
    [Range(0.0, 1.0)]
    public double LowConfidenceThreshold { get; set; } = 0.6;
}
