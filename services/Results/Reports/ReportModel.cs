using Returns.Contracts;
using Returns.Results.Storage;

namespace Returns.Results.Reports;

/// <summary>
/// The one rule for the model a report is about, for the night and the period alike: the version that produced the
/// most of its outcomes, the latest one on a tie (as after a promotion). That version's threshold decides what needs a
/// person and its baseline is what drift compares with, for every row: so it is the version behind most rows, not one
/// that happened to finish the last image (a promotion an hour before the end of a week would otherwise judge the whole
/// week by a model that classified almost none of it).
/// </summary>
public static class ReportModel
{
    public static ModelIdentity? Of(IEnumerable<VersionTally> tallies) => tallies
        .Where(t => t.ModelVersion != "")
        .OrderByDescending(t => t.Outcomes).ThenByDescending(t => t.Latest).ThenBy(t => t.ModelVersion, StringComparer.Ordinal)
        .Select(t => new ModelIdentity(t.ModelName, t.ModelVersion, t.ModelSha256))
        .FirstOrDefault();

    /// <summary>The tallies of outcomes in memory (a night's).</summary>
    public static IEnumerable<VersionTally> Tally(IEnumerable<StoredOutcome> outcomes) => outcomes
        .Where(o => o.ModelVersion != "")
        .GroupBy(o => o.ModelVersion)
        .Select(g =>
        {
            var latest = g.MaxBy(o => o.CompletedAt)!;
            return new VersionTally(g.Key, latest.ModelName ?? "", latest.ModelSha256 ?? "", g.Count(), latest.CompletedAt);
        });
}
