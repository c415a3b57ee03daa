using Returns.Results.Storage;

namespace Returns.Results.Shadow;

/// <summary>Compares a candidate's shadow outcomes with production's outcomes of the same images, a page at a time, so
/// a long shadow run is never held in memory whole.</summary>
public sealed class ModelComparer(IShadowStore shadow, IResultStore results)
{
    private const int Page = 1000;

    public async Task<ModelComparison> CompareAsync(string candidate, string production, CancellationToken cancellationToken)
    {
        var shadowOutcomes = 0;
        var (compared, agreed, reviewed, productionRight, candidateRight) = (0, 0, 0, 0, 0);
        var perClass = new Dictionary<string, (int Images, int Agreed)>();
        var (candidateLatency, productionLatency) = (new List<double>(), new List<double>());
        for (var skip = 0; ; skip += Page)
        {
            var page = await shadow.ListAsync(candidate, skip, Page, cancellationToken);
            if (page.Count == 0)
                break;
            shadowOutcomes += page.Count;
            var ids = page.Select(o => o.ImageId).ToArray();
            var labelled = (await results.FindAsync(ids, production, cancellationToken))
                .Where(o => o.ModelVersion == production && o.Label is not null).ToDictionary(o => o.ImageId);
            var reviews = (await results.FindReviewsAsync(ids, cancellationToken)).ToDictionary(r => r.ImageId);
            foreach (var theirs in page)
            {
                if (!labelled.TryGetValue(theirs.ImageId, out var ours))
                    continue;
                var same = theirs.Label == ours.Label;
                (compared, agreed) = (compared + 1, agreed + (same ? 1 : 0));
                var counts = perClass.GetValueOrDefault(ours.Label!);
                perClass[ours.Label!] = (counts.Images + 1, counts.Agreed + (same ? 1 : 0));
                candidateLatency.Add(theirs.LatencyMs);
                if (ours.LatencyMs is { } ms)
                    productionLatency.Add(ms);
                if (reviews.TryGetValue(theirs.ImageId, out var review))
                {
                    reviewed++;
                    productionRight += ours.Label == review.ReviewedLabel ? 1 : 0;
                    candidateRight += theirs.Label == review.ReviewedLabel ? 1 : 0;
                }
            }
        }
        var classes = perClass.Select(c => new ClassAgreement(c.Key, c.Value.Images, c.Value.Agreed))
            .OrderByDescending(c => c.Images).ThenBy(c => c.Label, StringComparer.Ordinal).ToArray();
        return new ModelComparison(candidate, production, shadowOutcomes, compared, agreed, classes,
            new ReviewedAccuracy(reviewed, productionRight, candidateRight), LatencySummary.Of(candidateLatency), LatencySummary.Of(productionLatency));
    }
}
