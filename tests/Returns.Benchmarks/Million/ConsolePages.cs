using Returns.Results;
using Returns.Results.Reports;
using Returns.Results.Storage;

namespace Returns.Benchmarks.Million;

/// <summary>The store work of each console page, call for call as its page model does it (the HTTP and Razor around it
/// are the same at any size, so the store is what grows).</summary>
internal sealed class ConsolePages(SqliteResultStore store, string production, string earlier, IReadOnlyDictionary<string, double> thresholds)
{
    private const int PageSize = 50;

    public IReadOnlyList<(string Page, Func<CancellationToken, Task> Load)> All =>
    [
        ("results, first page", ct => ResultsAsync(new ResultQuery(), first: true, ct)),
        ("results, last page", ct => ResultsAsync(new ResultQuery(), first: false, ct)),
        ("results, label shoes", ct => ResultsAsync(new ResultQuery { Label = "shoes" }, first: true, ct)),
        ("results, needs a retake", ct => ResultsAsync(new ResultQuery { Status = OutcomeStatus.NeedsRetake }, first: true, ct)),
        ("results, under threshold", ct => ResultsAsync(new ResultQuery { MaxConfidence = Math.BitDecrement(thresholds[production]) }, first: true, ct)),
        ("results, not reviewed", ct => ResultsAsync(new ResultQuery { Reviewed = false }, first: true, ct)),
        ("results, earlier model", ct => ResultsAsync(new ResultQuery { ModelVersion = earlier }, first: true, ct)),
        ("results, one run, last page", ct => ResultsAsync(new ResultQuery { RunId = "inbox-2026-11-15" }, first: false, ct)),
        ("runs (home)", RunsAsync),
        ("review", ReviewAsync),
        ("returns", ReturnsAsync),
        ("model", ModelAsync),
    ];

    private async Task ResultsAsync(ResultQuery filter, bool first, CancellationToken ct)
    {
        var query = filter with { Order = ResultOrder.Newest, Limit = PageSize };
        var total = await store.CountAsync(query, ct);
        var page = first ? 1 : Math.Max(1, (total + PageSize - 1) / PageSize);
        var outcomes = await store.QueryAsync(query with { Skip = (page - 1) * PageSize }, ct);
        await store.FindReviewsAsync(outcomes.Select(o => o.ImageId).ToArray(), ct);
    }

    private async Task RunsAsync(CancellationToken ct)
    {
        await store.TallyRunsAsync(new RunTallyQuery(DateTimeOffset.UtcNow.AddDays(-60), thresholds, ResultsOptions.FallbackThreshold, 100), ct);
        var (low, retake) = NeedsPerson.Queries(production, thresholds[production], 1);
        await store.CountAsync(low, ct);
        await store.CountAsync(retake, ct);
    }

    private async Task ReviewAsync(CancellationToken ct)
    {
        var (low, retake) = NeedsPerson.Queries(production, thresholds[production], 10);
        await store.QueryAsync(low, ct);
        await store.QueryAsync(retake, ct);
        await store.CountAsync(low, ct);
        await store.CountAsync(retake, ct);
    }

    private async Task ReturnsAsync(CancellationToken ct)
    {
        var found = await store.QueryVerdictsAsync(new VerdictQuery { Limit = 2_001 }, ct);
        ReturnLinesSection.Of(found.Take(2_000).Select(v => v.Verdict).ToArray());
    }

    private async Task ModelAsync(CancellationToken ct) =>
        await store.TallyAgreementAsync(new ReviewQuery { ModelVersion = production }, ct);
}
