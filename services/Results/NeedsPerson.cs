using Returns.Results.Storage;

namespace Returns.Results;

/// <summary>
/// The one rule for "a person must look before the label is used", for the review queue, the console's counts, the
/// reports and the line verdicts: nobody has reviewed the image yet, and either its photo needs a retake or the model
/// classified it under its version's review threshold. A rejected input never needs a person (there is nothing to label).
/// </summary>
public static class NeedsPerson
{
    public static bool Of(string status, float? confidence, bool reviewed, double threshold) =>
        !reviewed && (status == OutcomeStatus.NeedsRetake || status == OutcomeStatus.Classified && IsUnsure(confidence, threshold));

    public static bool Of(StoredOutcome outcome, bool reviewed, double threshold) => Of(outcome.Status, outcome.Confidence, reviewed, threshold);

    /// <summary>Under the threshold: the model is not sure enough for its label to be used without a look.</summary>
    public static bool IsUnsure(float? confidence, double threshold) => confidence is { } c && c < threshold;

    /// <summary>The same rule as store queries over one model version, in the order a reviewer should see them: unsure
    /// labels least confident first, then photos needing a retake, oldest first.</summary>
    public static (ResultQuery Unsure, ResultQuery Retake) Queries(string modelVersion, double threshold, int limit) =>
        (new ResultQuery
        {
            ModelVersion = modelVersion, Status = OutcomeStatus.Classified, Reviewed = false, Order = ResultOrder.LeastConfident,
            MaxConfidence = Math.BitDecrement(threshold), Limit = limit,
        }, new ResultQuery
        {
            ModelVersion = modelVersion, Status = OutcomeStatus.NeedsRetake, Reviewed = false, Order = ResultOrder.Oldest, Limit = limit,
        });
}
