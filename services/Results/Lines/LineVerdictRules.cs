using Returns.Contracts;
using Returns.Results.Storage;

namespace Returns.Results.Lines;

/// <summary>Does what the photos of a line show match what the customer declared? A settled photo of something the
/// declaration does not cover makes a mismatch (that is what staff must see first); settled photos that all fit make a
/// match; photos that settle nothing make the line inconclusive. Until every photo has an outcome there is no verdict,
/// unless the deadline passed: then the line is incomplete.</summary>
public static class LineVerdictRules
{
    public sealed record Decision(string Verdict, string Reason, string? PredictedLabel);

    /// <summary>The verdict, or null while the line should still wait for photos.</summary>
    public static Decision? Decide(LineEvidence evidence)
    {
        var photos = evidence.Photos;
        var settled = photos.Where(p => p.Settled && p.Label is not null).Select(p => p.Label!).ToArray();
        var predicted = settled.GroupBy(l => l).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).FirstOrDefault();
        if (photos.Count == 0)
            return evidence.DeadlinePassed ? new Decision(LineVerdicts.Incomplete, LineVerdictReasons.NoPhotos, null) : null;
        if (photos.Any(p => p.Status == LineEvidence.Pending && !p.Settled))
            return evidence.DeadlinePassed ? new Decision(LineVerdicts.Incomplete, LineVerdictReasons.PhotosPending, predicted) : null;
        if (evidence.DeclaredLabels.Count == 0)
            return new Decision(LineVerdicts.Inconclusive, LineVerdictReasons.UnmappedCategory, predicted);
        if (settled.Any(label => !evidence.DeclaredLabels.Contains(label)))
        {
            var other = settled.Where(label => !evidence.DeclaredLabels.Contains(label))
                .GroupBy(l => l).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
            return new Decision(LineVerdicts.Mismatch, LineVerdictReasons.PhotoShowsOther, other);
        }
        if (settled.Length > 0)
            return new Decision(LineVerdicts.Matches, LineVerdictReasons.AllPhotosMatch, predicted);
        var reason = photos.Any(p => p.Status == OutcomeStatus.NeedsRetake) ? LineVerdictReasons.NeedsRetake
            : photos.Any(p => p.Status == OutcomeStatus.Classified) ? LineVerdictReasons.LowConfidence
            : LineVerdictReasons.Rejected;
        return new Decision(LineVerdicts.Inconclusive, reason, null);
    }

    /// <summary>The same verdict on the same evidence: publishing it again would tell nobody anything new.</summary>
    public static bool SameVerdict(ReturnLineAssessed a, ReturnLineAssessed b) =>
        a.Verdict == b.Verdict && a.Reason == b.Reason && a.PredictedLabel == b.PredictedLabel && a.OrderId == b.OrderId
        && a.Sku == b.Sku && a.DeclaredCategory == b.DeclaredCategory && a.DeclaredLabels.SequenceEqual(b.DeclaredLabels)
        && a.Photos.SequenceEqual(b.Photos);
}
