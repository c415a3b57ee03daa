using Returns.Contracts;
using Returns.Results.Storage;

namespace Returns.Results.Reports;

/// <summary>The lines of a run's report: those with a photo among the run's images, each with its current verdict.</summary>
public static class VerdictsOfImages
{
    /// <summary>A line still waiting (for another photo, or for its return to be registered) has no verdict yet and is
    /// left to the period report of when it gets one.</summary>
    public static async Task<IReadOnlyList<ReturnLineAssessed>> FindAsync(IReturnLineStore lines, IEnumerable<string> imageIds,
        CancellationToken cancellationToken)
    {
        var keys = new HashSet<LineKey>();
        foreach (var imageId in imageIds)
            keys.UnionWith(await lines.FindLinesOfImageAsync(imageId, cancellationToken));
        var verdicts = new List<ReturnLineAssessed>();
        foreach (var key in keys)
            if (await lines.FindVerdictAsync(key.ReturnId, key.LineId, cancellationToken) is { } stored)
                verdicts.Add(stored.Verdict);
        return verdicts;
    }
}
