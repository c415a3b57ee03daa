using Returns.Models;

namespace Returns.Results.Reports;

public sealed record LabelShare(string Label, double Tonight, double Baseline);

/// <summary>Tonight's class mix and confidence against the baseline. TotalVariation is half the sum of absolute
/// share differences: 0 is the same mix, 1 is no overlap.</summary>
public sealed record Drift(double TotalVariation, double MeanConfidence, double BaselineMeanConfidence, bool Flagged,
    string Verdict, IReadOnlyList<LabelShare> Labels)
{
    /// <summary>Below this many classified images the mix is too noisy to flag.</summary>
    public const int MinimumImages = 20;

    public static Drift Compare(IReadOnlyList<ReportRow> classified, ModelBaseline baseline, double mixThreshold, double confidenceDrop) =>
        Compare(classified.GroupBy(r => r.Label!).ToDictionary(g => g.Key, g => g.Count()), classified.Count,
            classified.Count == 0 ? 0 : classified.Average(r => (double)r.Confidence!), baseline, mixThreshold, confidenceDrop);

    /// <param name="labelCounts">Classified images per model label.</param>
    public static Drift Compare(IReadOnlyDictionary<string, int> labelCounts, int classified, double meanConfidence, ModelBaseline baseline,
        double mixThreshold, double confidenceDrop)
    {
        var labels = baseline.ClassMix.Keys.Union(labelCounts.Keys).Order(StringComparer.Ordinal).ToArray();
        var shares = labels.Select(l => new LabelShare(l,
            Math.Round(classified == 0 ? 0 : labelCounts.GetValueOrDefault(l) / (double)classified, 4),
            Math.Round(baseline.ClassMix.GetValueOrDefault(l), 4))).ToArray();
        var totalVariation = Math.Round(shares.Sum(s => Math.Abs(s.Tonight - s.Baseline)) / 2, 4);
        meanConfidence = Math.Round(meanConfidence, 4);

        var reasons = new List<string>();
        if (classified >= MinimumImages && totalVariation > mixThreshold)
            reasons.Add($"class mix differs from the baseline by {totalVariation:P0} (threshold {mixThreshold:P0})");
        if (classified >= MinimumImages && baseline.MeanConfidence - meanConfidence > confidenceDrop)
            reasons.Add($"mean confidence {meanConfidence:P0} is more than {confidenceDrop:P0} under the baseline {baseline.MeanConfidence:P0}");
        var verdict = reasons.Count > 0 ? string.Join("; ", reasons)
            : classified < MinimumImages ? $"too few images ({classified}) to judge drift"
            : "within thresholds";
        return new Drift(totalVariation, meanConfidence, baseline.MeanConfidence, reasons.Count > 0, verdict, shares);
    }
}
