using Returns.Models;
using Returns.Results.Reports;

namespace Returns.Results.Tests;

public sealed class DriftTests
{
    private static readonly ModelBaseline Baseline = new(new Dictionary<string, double> { ["shoes"] = 0.5, ["hat"] = 0.5 }, MeanConfidence: 0.9);

    private static ReportRow[] Night(int shoes, int hats, float confidence) =>
        Enumerable.Range(0, shoes + hats).Select(i => new ReportRow
        {
            ImageId = $"i{i}", SourceNames = [$"{i}.jpg"], Status = "classified", Label = i < shoes ? "shoes" : "hat", Confidence = confidence,
        }).ToArray();

    [Fact]
    public void A_night_like_the_baseline_is_within_thresholds()
    {
        var drift = Drift.Compare(Night(shoes: 20, hats: 20, confidence: 0.9f), Baseline, mixThreshold: 0.25, confidenceDrop: 0.1);

        Assert.False(drift.Flagged, drift.Verdict);
        Assert.Equal(0, drift.TotalVariation);
    }

    [Fact]
    public void A_shifted_class_mix_is_flagged_with_its_size()
    {
        var drift = Drift.Compare(Night(shoes: 38, hats: 2, confidence: 0.9f), Baseline, mixThreshold: 0.25, confidenceDrop: 0.1);

        Assert.True(drift.Flagged);
        Assert.Equal(0.45, drift.TotalVariation, 3);
        Assert.Contains("class mix", drift.Verdict);
    }

    [Fact]
    public void Falling_confidence_is_flagged()
    {
        var drift = Drift.Compare(Night(shoes: 20, hats: 20, confidence: 0.6f), Baseline, mixThreshold: 0.25, confidenceDrop: 0.1);

        Assert.True(drift.Flagged);
        Assert.Contains("mean confidence", drift.Verdict);
    }

    [Fact]
    public void A_handful_of_images_is_never_flagged()
    {
        var drift = Drift.Compare(Night(shoes: 5, hats: 0, confidence: 0.3f), Baseline, mixThreshold: 0.25, confidenceDrop: 0.1);

        Assert.False(drift.Flagged);
        Assert.Contains("too few", drift.Verdict);
    }
}
