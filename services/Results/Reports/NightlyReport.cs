using System.Text.Json.Serialization;
using Returns.Contracts;
using Returns.Results.Storage;

namespace Returns.Results.Reports;

/// <summary>One input of a run: the file it came from and the image it turned out to be.</summary>
public sealed record ReportItem(string SourceName, string ImageId);

/// <summary>The night's report. Built only from stored outcomes, so compiling it twice gives the same data.</summary>
public sealed record NightlyReport
{
    public required ModelIdentity Model { get; init; }
    public required ReportCounts Counts { get; init; }
    public required IReadOnlyList<LabelCount> PerLabel { get; init; }
    public required double LowConfidenceThreshold { get; init; }
    /// <summary>Classified images under the threshold that no person has reviewed yet, least confident first.</summary>
    public required IReadOnlyList<ReportRow> LowConfidence { get; init; }
    public required ReviewSummary Review { get; init; }
    /// <summary>Images a person has reviewed (their latest review), by file; corrected ones say so.</summary>
    public IReadOnlyList<ReportRow> Reviewed { get; init; } = [];
    /// <summary>Photos too poor to trust (too dark, overexposed, blank, blurred), by reason then file; the model's guess is kept.</summary>
    public required IReadOnlyList<ReportRow> NeedsRetake { get; init; }
    public required IReadOnlyList<RejectionGroup> Rejected { get; init; }
    public Drift? Drift { get; init; }
    /// <summary>The returns whose lines belong to this report, with their verdicts (see where each report picks them).</summary>
    public ReturnLinesSection ReturnLines { get; init; } = ReturnLinesSection.Empty;
    public required IReadOnlyList<ReportRow> Rows { get; init; }
    /// <summary>Classified images per tenth of confidence, for the page's histogram (counted where the rows are, so a
    /// period's report need not hold its rows); null: count them from <see cref="Rows"/>.</summary>
    [JsonIgnore]
    public IReadOnlyList<int>? ConfidenceBins { get; init; }

    /// <summary>How many wait for a person (<see cref="NeedsPerson"/>): the unsure labels and the unreviewed retakes. The
    /// console's review queue counts by the same rule.</summary>
    public int NeedPerson => Totals is { } totals ? totals.LowConfidence + totals.UnreviewedRetakes : LowConfidence.Count + NeedsRetake.Count(r => r.NeedsReview);

    /// <summary>How many rows the lists have in full when the report holds only their first rows (a period's report:
    /// the page shows those, summary.json and report.csv read every row from the store); null: the lists are whole.</summary>
    [JsonIgnore]
    public ListTotals? Totals { get; init; }

    /// <summary>Unsure labels in full, however many the report holds.</summary>
    [JsonIgnore]
    public int LowConfidenceTotal => Totals?.LowConfidence ?? LowConfidence.Count;
}

/// <summary>The full length of the lists a report holds only the start of (retakes, reviewed and rejections are in <see cref="ReportCounts"/>,
/// and each <see cref="RejectionGroup.Count"/> is whole).</summary>
public sealed record ListTotals(int LowConfidence, int UnreviewedRetakes);

/// <summary>Reconciliation: Images = Classified + NeedsRetake + Rejected + Pending; Files counts every input, duplicates included.
/// Reviewed images are counted again, apart: how many a person has settled, and how many of those got another label.</summary>
public sealed record ReportCounts(int Files, int Images, int Classified, int NeedsRetake, int Rejected, int Pending,
    int Reviewed = 0, int Corrected = 0)
{
    public bool Reconciles => Images == Classified + NeedsRetake + Rejected + Pending;
}

public sealed record LabelCount(string Label, int Count, double Share);

public sealed record RejectionGroup(string Reason, int Count, IReadOnlyList<ReportRow> Items);

public sealed record ReportRow
{
    public required string ImageId { get; init; }
    public required IReadOnlyList<string> SourceNames { get; init; }
    public required string Status { get; init; }
    public string? ReturnId { get; init; }
    public string? Label { get; init; }
    public float? Confidence { get; init; }
    public IReadOnlyList<LabelScore> TopK { get; init; } = [];
    /// <summary>A person must look before the label is used: low confidence, or a photo that needs a retake, and nobody
    /// has reviewed it yet.</summary>
    public bool NeedsReview { get; init; }
    /// <summary>The label of the image's latest review, whichever model version the reviewer saw; null if none.</summary>
    public string? ReviewedLabel { get; init; }
    public string? ReviewedBy { get; init; }
    public DateTimeOffset? ReviewedAt { get; init; }
    public string? Stage { get; init; }
    public string? Reason { get; init; }
    public string? Detail { get; init; }
    public string? ModelVersion { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>What staff act on: the reviewed label, else the model's label of a classified image. A photo that needs
    /// a retake has no final label until a person gives it one.</summary>
    public string? FinalLabel => ReviewedLabel ?? (Status == OutcomeStatus.Classified ? Label : null);

    /// <summary>A person gave this image another label than the model did.</summary>
    [JsonIgnore]
    public bool Corrected => ReviewedLabel is not null && Label is not null && ReviewedLabel != Label;
}

public static class ReportStatus
{
    public const string Pending = "pending";
}
