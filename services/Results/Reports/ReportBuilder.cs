using Returns.Contracts;
using Returns.Results.Storage;

namespace Returns.Results.Reports;

/// <param name="Reviewed">In the order of the report's rows.</param>
/// <param name="Rejected">In the order of the report's rows; grouped by reason when assembled.</param>
public sealed record ReportLists(IReadOnlyList<ReportRow> LowConfidence, IReadOnlyList<ReportRow> Reviewed, IReadOnlyList<ReportRow> NeedsRetake,
    IReadOnlyList<ReportRow> Rejected);

public static class ReportBuilder
{
    /// <param name="reviews">People's reviews of these images; only each image's latest counts.</param>
    public static NightlyReport Build(IReadOnlyList<ReportItem> items, IReadOnlyList<StoredOutcome> outcomes,
        ModelIdentity model, ResultsOptions options, ModelFacts? facts, IReadOnlyList<StoredReview>? reviews = null)
    {
        var lowConfidenceThreshold = options.ReviewThreshold(facts);
        // This model's outcome, else the latest by another version (a promotion mid-run: each image carries the version
        // that produced it), else a refusal by ingest (which no model version can change).
        var byImage = outcomes
            .GroupBy(o => o.ImageId)
            .ToDictionary(g => g.Key, g => g
                .OrderBy(o => o.ModelVersion == model.Version ? 0 : o.ModelVersion != "" ? 1 : 2)
                .ThenByDescending(o => o.CompletedAt)
                .ThenBy(o => o.ModelVersion, StringComparer.Ordinal)
                .First());
        var reviewOf = StoredReview.LatestPerImage(reviews ?? []).ToDictionary(r => r.ImageId);

        var rows = items
            .GroupBy(i => i.ImageId)
            .Select(g => Row(g.Key, g.Select(i => i.SourceName).Order(StringComparer.Ordinal).ToArray(),
                byImage.GetValueOrDefault(g.Key), reviewOf.GetValueOrDefault(g.Key), lowConfidenceThreshold))
            .OrderBy(r => r.SourceNames[0], StringComparer.Ordinal)
            .ToArray();

        // Only classified rows are labels: a photo that needs a retake never counts as one, nor in the mix or drift.
        var lists = new ReportLists(
            LowConfidence: rows.Where(r => r.Status == OutcomeStatus.Classified && r.NeedsReview)
                .OrderBy(r => r.Confidence).ThenBy(r => r.ImageId, StringComparer.Ordinal).ToArray(),
            Reviewed: rows.Where(r => r.ReviewedLabel is not null).ToArray(),
            NeedsRetake: rows.Where(r => r.Status == OutcomeStatus.NeedsRetake)
                .OrderBy(r => r.Reason, StringComparer.Ordinal).ThenBy(r => r.SourceNames[0], StringComparer.Ordinal).ToArray(),
            Rejected: rows.Where(r => r.Status == OutcomeStatus.Rejected).ToArray());
        return Assemble(model, options, facts, ReportFigures.Of(items.Count, rows), lists) with { Rows = rows };
    }

    /// <summary>The report from its figures and its lists, however they were counted and read: the one assembly of the
    /// night's report and the period's.</summary>
    public static NightlyReport Assemble(ModelIdentity model, ResultsOptions options, ModelFacts? facts, ReportFigures figures, ReportLists lists)
    {
        var threshold = options.ReviewThreshold(facts);
        return new NightlyReport
        {
            Model = model,
            Counts = new ReportCounts(figures.Files, figures.Images, figures.Classified, figures.NeedsRetake, figures.Rejected, figures.Pending,
                figures.Reviewed, figures.Corrected),
            // Per label by the final label, since that is what staff act on; drift below stays on the model's own
            // labels, because it compares the model's output with the model card's.
            PerLabel = figures.FinalLabels
                .Select(c => new LabelCount(c.Key, c.Value, Math.Round(c.Value / (double)figures.Classified, 4)))
                .OrderByDescending(c => c.Count).ThenBy(c => c.Label, StringComparer.Ordinal)
                .ToArray(),
            LowConfidenceThreshold = threshold,
            Review = ReviewSummary.Of(threshold, options.LowConfidenceThreshold is null ? facts?.TargetAccuracy : null, figures.AutoAccepted,
                figures.ExpectedErrors),
            LowConfidence = lists.LowConfidence,
            Reviewed = lists.Reviewed,
            NeedsRetake = lists.NeedsRetake,
            Rejected = lists.Rejected
                .GroupBy(r => r.Reason!)
                .Select(g => new RejectionGroup(g.Key, g.Count(), g.ToArray()))
                .OrderByDescending(g => g.Count).ThenBy(g => g.Reason, StringComparer.Ordinal)
                .ToArray(),
            Drift = facts?.Baseline is not { } baseline ? null
                : Drift.Compare(figures.ModelLabels, figures.Classified, figures.MeanConfidence, baseline, options.DriftMixThreshold, options.DriftConfidenceDrop),
            ConfidenceBins = figures.ConfidenceBins,
            Rows = [],
        };
    }

    private static ReportRow Row(string imageId, string[] sourceNames, StoredOutcome? outcome, StoredReview? review, double threshold) =>
        (outcome is null
            ? new ReportRow { ImageId = imageId, SourceNames = sourceNames, Status = ReportStatus.Pending }
            : new ReportRow
            {
                ImageId = imageId,
                SourceNames = sourceNames,
                Status = outcome.Status,
                ReturnId = outcome.ReturnId,
                Label = outcome.Label,
                Confidence = outcome.Confidence,
                TopK = outcome.TopK,
                NeedsReview = NeedsPerson.Of(outcome, reviewed: review is not null, threshold),
                Stage = outcome.Stage,
                Reason = outcome.Reason,
                Detail = outcome.Detail,
                ModelVersion = outcome.ModelVersion == "" ? null : outcome.ModelVersion,
                CompletedAt = outcome.CompletedAt,
            }) with
        {
            ReviewedLabel = review?.ReviewedLabel,
            ReviewedBy = review?.Reviewer,
            ReviewedAt = review?.ReviewedAt,
        };
}
