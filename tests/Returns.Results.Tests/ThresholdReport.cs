using Returns.Contracts;
using Returns.Results;
using Returns.Results.Reports;
using Returns.Results.Storage;

namespace Returns.Results.Tests;

/// <summary>A report built with a fixed review threshold and no model card: what most report tests need.</summary>
internal static class ThresholdReport
{
    public static NightlyReport Build(IReadOnlyList<ReportItem> items, IReadOnlyList<StoredOutcome> outcomes,
        ModelIdentity model, double lowConfidenceThreshold) =>
        ReportBuilder.Build(items, outcomes, model, new ResultsOptions { LowConfidenceThreshold = lowConfidenceThreshold }, facts: null);
}
