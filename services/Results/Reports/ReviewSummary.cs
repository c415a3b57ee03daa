namespace Returns.Results.Reports;

/// <summary>
/// What the review threshold means tonight: how many labels were accepted without a human look, and how many of those
/// are expected to be wrong. Confidences are calibrated, so the expected number of errors among accepted labels is
/// the sum of (1 − confidence) over them. A label a person reviewed was not accepted without a look, whatever its
/// confidence.
/// </summary>
public sealed record ReviewSummary(double Threshold, double? TargetAccuracy, int AutoAccepted, double ExpectedErrors)
{
    public double ExpectedAccuracy => AutoAccepted == 0 ? 1 : 1 - ExpectedErrors / AutoAccepted;

    public static ReviewSummary Of(IReadOnlyList<ReportRow> classified, double threshold, double? targetAccuracy)
    {
        var accepted = classified.Where(r => !r.NeedsReview && r.ReviewedLabel is null).ToArray();
        return Of(threshold, targetAccuracy, accepted.Length, accepted.Sum(r => 1 - (double)r.Confidence!));
    }

    /// <param name="expectedErrors">The sum of (1 − confidence) over the accepted labels, unrounded.</param>
    public static ReviewSummary Of(double threshold, double? targetAccuracy, int autoAccepted, double expectedErrors) =>
        new(threshold, targetAccuracy, autoAccepted, Math.Round(expectedErrors, 2));
}
