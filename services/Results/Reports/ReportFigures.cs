using Returns.Results.Storage;

namespace Returns.Results.Reports;

/// <summary>Everything a report counts, over its rows (one per image): the night counts its rows in memory, the
/// period has the store count them (<see cref="IReportRows.AggregateAsync"/>). Both then assemble the same report.</summary>
/// <param name="AutoAccepted">Classified rows used without a person's look (not reviewed, not under the threshold).</param>
/// <param name="ExpectedErrors">The sum of (1 − confidence) over those, unrounded.</param>
/// <param name="MeanConfidence">Over every classified row; 0 when there is none.</param>
/// <param name="ConfidenceBins">Classified rows per tenth of confidence (the last bin takes 1.0).</param>
public sealed record ReportFigures(int Files, int Images, int Classified, int NeedsRetake, int Rejected, int Pending, int Reviewed, int Corrected,
    IReadOnlyDictionary<string, int> FinalLabels, IReadOnlyDictionary<string, int> ModelLabels, int AutoAccepted, double ExpectedErrors,
    double MeanConfidence, IReadOnlyList<int> ConfidenceBins)
{
    public static int Bin(float confidence) => Math.Min((int)(confidence * 10), 9);

    /// <summary>What rounding <paramref name="product"/> (exact in double) to the nearest float adds before <see cref="Bin"/>
    /// truncates it, as SQL: half a float step of its binade, so that a store computing in double puts 0.9f (8.99999976
    /// times ten, 9 in float) in the bin the report does.</summary>
    public static string FloatRounding(string product) =>
        $"CASE WHEN {product} >= 8 THEN {Half(20)} WHEN {product} >= 4 THEN {Half(21)} WHEN {product} >= 2 THEN {Half(22)} "
        + $"WHEN {product} >= 1 THEN {Half(23)} ELSE {Half(24)} END";

    /// <summary>Half of 2^-<paramref name="bits"/>, as a literal.</summary>
    public static double HalfStep(int bits) => Math.ScaleB(1, -bits - 1);

    private static string Half(int bits) => HalfStep(bits).ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    public static ReportFigures Of(int files, IReadOnlyList<ReportRow> rows)
    {
        var classified = rows.Where(r => r.Status == OutcomeStatus.Classified).ToArray();
        var reviewed = rows.Where(r => r.ReviewedLabel is not null).ToArray();
        var accepted = classified.Where(r => !r.NeedsReview && r.ReviewedLabel is null).ToArray();
        var bins = new int[10];
        foreach (var row in classified)
            if (row.Confidence is { } confidence)
                bins[Bin(confidence)]++;
        return new ReportFigures(files, rows.Count, classified.Length, rows.Count(r => r.Status == OutcomeStatus.NeedsRetake),
            rows.Count(r => r.Status == OutcomeStatus.Rejected), rows.Count(r => r.Status == ReportStatus.Pending), reviewed.Length,
            reviewed.Count(r => r.Corrected),
            classified.GroupBy(r => r.FinalLabel!).ToDictionary(g => g.Key, g => g.Count()),
            classified.GroupBy(r => r.Label!).ToDictionary(g => g.Key, g => g.Count()),
            accepted.Length, accepted.Sum(r => 1 - (double)r.Confidence!),
            classified.Length == 0 ? 0 : classified.Average(r => (double)r.Confidence!), bins);
    }
}
