using Microsoft.Extensions.Options;
using Returns.Results.Shadow;
using Returns.Results.Storage;

namespace Returns.Results.Tests;

/// <summary>The comparison of a candidate in shadow with production, on real SQLite stores sharing one file.</summary>
public sealed class ModelComparerTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("returns-compare-");
    private readonly SqliteResultStore results;
    private readonly SqliteShadowStore shadow;

    public ModelComparerTests()
    {
        var options = Options.Create(new ResultsOptions { SqlitePath = Path.Combine(folder.FullName, "results.db") });
        (results, shadow) = (new SqliteResultStore(options), new SqliteShadowStore(options));
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Agreement_accuracy_on_reviewed_images_and_latency_count_only_images_production_labelled_with_its_version()
    {
        await Production("img-1", "shoes", latencyMs: 4);
        await Production("img-2", "hat", latencyMs: 6);
        await Production("img-3", "hat");
        await Production("img-4", "shoes");
        await results.SaveAsync(Outcomes.Classified("img-6", "shoes", 0.9f, Outcomes.Model with { Version = "v0" }), Token);
        await results.SaveAsync(Outcomes.RejectedAtIngest("img-7", "corrupt"), Token);
        foreach (var (id, label, ms) in new[] { ("img-1", "shoes", 10.0), ("img-2", "shoes", 20), ("img-3", "hat", 30), ("img-4", "hat", 40), ("img-5", "hat", 50), ("img-6", "hat", 60), ("img-7", "hat", 70) })
            await shadow.SaveAsync(Shadows.Of(id, label, latencyMs: ms), Token);
        await results.SaveReviewAsync(Reviews.Of("img-1", "shoes"), Token);
        await results.SaveReviewAsync(Reviews.Of("img-2", "shoes", previousLabel: "hat"), Token);

        var comparison = await new ModelComparer(shadow, results).CompareAsync("v2", "v1", Token);

        Assert.Equal(7, comparison.ShadowOutcomes);
        Assert.Equal(4, comparison.Compared);
        Assert.Equal(2, comparison.Agreed);
        Assert.Equal(0.5, comparison.Agreement);
        Assert.Equal([new ClassAgreement("hat", 2, 1), new ClassAgreement("shoes", 2, 1)], comparison.PerClass);
        Assert.Equal(new ReviewedAccuracy(2, ProductionCorrect: 1, CandidateCorrect: 2), comparison.Reviewed);
        Assert.Equal(new LatencySummary(4, 25, 40), comparison.CandidateLatency);
        Assert.Equal(new LatencySummary(2, 5, 6), comparison.ProductionLatency);
    }

    [Fact]
    public async Task A_version_never_in_shadow_has_nothing_to_compare()
    {
        await Production("img-1", "shoes");

        var comparison = await new ModelComparer(shadow, results).CompareAsync("v2", "v1", Token);

        Assert.Equal((0, 0, null), (comparison.ShadowOutcomes, comparison.Compared, comparison.Agreement));
        Assert.Null(comparison.Reviewed.CandidateAccuracy);
        Assert.Null(comparison.CandidateLatency);
    }

    private Task<bool> Production(string imageId, string label, double? latencyMs = null) =>
        results.SaveAsync(Outcomes.Classified(imageId, label, 0.9f) with { LatencyMs = latencyMs }, Token);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        folder.Delete(recursive: true);
    }
}
