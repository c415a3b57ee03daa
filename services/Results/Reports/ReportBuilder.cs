using Returns.Contracts;
using Returns.Results.Storage;

namespace Returns.Results.Reports;

public static class ReportBuilder
{
    public static NightlyReport Build(IReadOnlyList<ReportItem> items, IReadOnlyList<StoredOutcome> outcomes,
        ModelIdentity model, double lowConfidenceThreshold) =>
        Build(items, outcomes, model, new ResultsOptions { LowConfidenceThreshold = lowConfidenceThreshold }, facts: null);

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
        var classified = rows.Where(r => r.Status == OutcomeStatus.Classified).ToArray();
        var retakes = rows.Where(r => r.Status == OutcomeStatus.NeedsRetake).ToArray();
        var rejected = rows.Where(r => r.Status == OutcomeStatus.Rejected).ToArray();
        var reviewed = rows.Where(r => r.ReviewedLabel is not null).ToArray();
        return new NightlyReport
        {
            Model = model,
            Counts = new ReportCounts(items.Count, rows.Length, classified.Length, retakes.Length, rejected.Length,
                rows.Count(r => r.Status == ReportStatus.Pending), reviewed.Length, reviewed.Count(r => r.Corrected)),
            // Per label by the final label, since that is what staff act on; drift below stays on the model's own
            // labels, because it compares the model's output with the model card's.
            PerLabel = classified
                .GroupBy(r => r.FinalLabel!)
                .Select(g => new LabelCount(g.Key, g.Count(), Math.Round(g.Count() / (double)classified.Length, 4)))
                .OrderByDescending(c => c.Count).ThenBy(c => c.Label, StringComparer.Ordinal)
                .ToArray(),
            LowConfidenceThreshold = lowConfidenceThreshold,
            Review = ReviewSummary.Of(classified, lowConfidenceThreshold, options.LowConfidenceThreshold is null ? facts?.TargetAccuracy : null),
            LowConfidence = classified.Where(r => r.NeedsReview).OrderBy(r => r.Confidence).ThenBy(r => r.ImageId, StringComparer.Ordinal).ToArray(),
            Reviewed = reviewed,
            NeedsRetake = retakes.OrderBy(r => r.Reason, StringComparer.Ordinal).ThenBy(r => r.SourceNames[0], StringComparer.Ordinal).ToArray(),
            Rejected = rejected
                .GroupBy(r => r.Reason!)
                .Select(g => new RejectionGroup(g.Key, g.Count(), g.ToArray()))
                .OrderByDescending(g => g.Count).ThenBy(g => g.Reason, StringComparer.Ordinal)
                .ToArray(),
            Drift = facts?.Baseline is not { } baseline ? null : Drift.Compare(classified, baseline, options.DriftMixThreshold, options.DriftConfidenceDrop),
            Rows = rows,
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
