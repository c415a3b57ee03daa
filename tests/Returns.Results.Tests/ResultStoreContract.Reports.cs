using Returns.Contracts;
using Returns.Results.Reports;
using Returns.Results.Storage;

namespace Returns.Results.Tests;

/// <summary>The reports' aggregates: what the store counts and lists for a period must be what the report builder
/// makes of the same outcomes in memory, figure for figure and row for row.</summary>
public abstract partial class ResultStoreContract
{
    private IReportStore Reports => (IReportStore)Store;

    private static readonly DateTimeOffset Period = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
    private static readonly ModelIdentity Earlier = Outcomes.Model with { Version = "v0" };
    private const double Threshold = 0.6;

    /// <summary>Two nights' work: sure and unsure labels, a retake, refusals, an image under two names and one classified
    /// by two versions, reviews (one corrected, one reviewed twice), and an outcome just outside the period.</summary>
    private async Task<StoredOutcome[]> SeedPeriodAsync()
    {
        StoredOutcome[] inPeriod =
        [
            At(Outcomes.Classified("a", "shoes", 0.95f, source: "b.jpg"), 1),
            At(Outcomes.Classified("b", "hat", 0.4f, source: "a.jpg"), 2),
            At(Outcomes.Classified("c", "shoes", 0.55f, source: "c.jpg"), 3),
            At(Outcomes.Classified("d", "bag", 0.8f, source: "d.jpg"), 4),
            At(Outcomes.NeedsRetake("e", RetakeReasons.TooDark, source: "e.jpg"), 5),
            At(Outcomes.NeedsRetake("f", RetakeReasons.Blurred, source: "a.jpg"), 6),
            At(Outcomes.RejectedAtIngest("g", "empty", source: "g.jpg"), 7),
            At(Outcomes.RejectedAtIngest("h", "not_an_image", source: "h.jpg"), 8),
            At(Outcomes.Classified("i", "hat", 0.3f, Earlier, source: "i.jpg"), 9),
            At(Outcomes.Classified("i", "shirt", 0.9f, source: "i.jpg"), 30),
            At(Outcomes.Classified("j", "shirt", 0.5f, Earlier, source: "j.jpg"), 31),
            At(Outcomes.Classified("k", "shoes", 0.99f, source: "z-copy.jpg"), 32),
        ];
        foreach (var outcome in inPeriod.Append(At(Outcomes.Classified("late", "shoes", 0.2f), 60)))
            await Store.SaveAsync(outcome, Token);
        await Store.SaveReviewAsync(Reviews.Of("b", "bag", previousLabel: "hat"), Token);
        await Store.SaveReviewAsync(Reviews.Of("c", "shoes", minute: 1), Token);
        await Store.SaveReviewAsync(Reviews.Of("c", "pants", minute: 2), Token);
        await Store.SaveReviewAsync(Reviews.Of("e", "shoes"), Token);
        return inPeriod;
    }

    private static StoredOutcome At(StoredOutcome outcome, int hours) =>
        outcome with { CompletedAt = Period.AddHours(hours), RunId = hours < 24 ? "night-1" : "night-2" };

    private async Task<(IReportRows Rows, NightlyReport InMemory)> OpenPeriodAsync()
    {
        var outcomes = await SeedPeriodAsync();
        var ordered = outcomes.OrderBy(o => o.CompletedAt).ThenBy(o => o.ImageId, StringComparer.Ordinal).ToArray();
        var reviews = await Store.FindReviewsAsync(outcomes.Select(o => o.ImageId).Distinct().ToArray(), Token);
        var inMemory = ReportBuilder.Build(ordered.Select(o => new ReportItem(o.SourceName, o.ImageId)).ToArray(), ordered, Outcomes.Model,
            new ResultsOptions { LowConfidenceThreshold = Threshold }, facts: null, reviews);
        var rows = await Reports.OpenReportRowsAsync(new ReportScope(Period, Period.AddDays(2), "v1", Threshold), Token);
        return (rows, inMemory);
    }

    [Fact]
    public async Task A_periods_figures_are_counted_by_the_store_as_the_report_counts_them_in_memory()
    {
        var (rows, inMemory) = await OpenPeriodAsync();
        await using var _ = rows;

        var figures = await rows.AggregateAsync(Token);

        Assert.Equal((12, 11, 7, 2, 2, 0), (figures.Files, figures.Images, figures.Classified, figures.NeedsRetake, figures.Rejected, figures.Pending));
        Assert.Equal((3, 2), (figures.Reviewed, figures.Corrected));
        Assert.Equal(new ReportCounts(12, 11, 7, 2, 2, 0, 3, 2), inMemory.Counts);
        var expected = ReportFigures.Of(12, inMemory.Rows);
        Assert.Equal(expected.FinalLabels.OrderBy(l => l.Key), figures.FinalLabels.OrderBy(l => l.Key));
        Assert.Equal(expected.ModelLabels.OrderBy(l => l.Key), figures.ModelLabels.OrderBy(l => l.Key));
        Assert.Equal((expected.AutoAccepted, Math.Round(expected.ExpectedErrors, 6), Math.Round(expected.MeanConfidence, 6)),
            (figures.AutoAccepted, Math.Round(figures.ExpectedErrors, 6), Math.Round(figures.MeanConfidence, 6)));
        Assert.Equal(expected.ConfidenceBins, figures.ConfidenceBins);
        Assert.Equal(new Dictionary<string, int> { ["shoes"] = 2, ["bag"] = 2, ["pants"] = 1, ["shirt"] = 2 }.OrderBy(l => l.Key), figures.FinalLabels.OrderBy(l => l.Key));
    }

    [Fact]
    public async Task A_periods_rows_stream_from_the_store_in_the_reports_order_with_the_reports_own_rows()
    {
        var (rows, inMemory) = await OpenPeriodAsync();
        await using var _ = rows;

        var all = await ReadAsync(rows, ReportList.All);

        Assert.Equal(inMemory.Rows, all, RowComparer);
        Assert.Equal(["i.jpg", "i.jpg"], all.Single(r => r.ImageId == "i").SourceNames);
        Assert.Equal(("v1", "shirt"), (all.Single(r => r.ImageId == "i").ModelVersion, all.Single(r => r.ImageId == "i").Label));
        Assert.Equal("pants", all.Single(r => r.ImageId == "c").ReviewedLabel);
    }

    [Fact]
    public async Task A_periods_lists_come_from_the_store_in_the_reports_order()
    {
        var (rows, inMemory) = await OpenPeriodAsync();
        await using var _ = rows;

        Assert.Equal(["j"], (await ReadAsync(rows, ReportList.LowConfidence)).Select(r => r.ImageId));
        Assert.Equal(inMemory.LowConfidence, await ReadAsync(rows, ReportList.LowConfidence), RowComparer);
        Assert.Equal(inMemory.Reviewed, await ReadAsync(rows, ReportList.Reviewed), RowComparer);
        Assert.Equal(["f", "e"], (await ReadAsync(rows, ReportList.NeedsRetake)).Select(r => r.ImageId));
        Assert.Equal(inMemory.NeedsRetake, await ReadAsync(rows, ReportList.NeedsRetake), RowComparer);
        Assert.Equal(inMemory.Rejected.SelectMany(g => g.Items).OrderBy(r => r.Reason, StringComparer.Ordinal),
            await ReadAsync(rows, ReportList.Rejected), RowComparer);
    }

    [Fact]
    public async Task A_lists_head_is_its_first_rows_and_its_totals_are_counted_by_the_store_as_the_report_counts_them()
    {
        var (rows, inMemory) = await OpenPeriodAsync();
        await using var _ = rows;

        Assert.Equal(inMemory.NeedsRetake.Take(1), await ReadAsync(rows, ReportList.NeedsRetake, limit: 1), RowComparer);
        Assert.Equal(inMemory.Rows.Take(3), await ReadAsync(rows, ReportList.All, limit: 3), RowComparer);
        Assert.Empty(await ReadAsync(rows, ReportList.Reviewed, limit: 0));
        // e (a retake) is reviewed, so only f is left for a person; j is the one unsure label nobody reviewed.
        Assert.Equal(new ListTotals(inMemory.LowConfidence.Count, inMemory.NeedsRetake.Count(r => r.NeedsReview)), await rows.CountListsAsync(Token));
        Assert.Equal(new ListTotals(1, 1), await rows.CountListsAsync(Token));
    }

    [Fact]
    public async Task The_versions_of_a_period_are_tallied_and_the_report_is_about_the_one_with_the_most_outcomes()
    {
        await SeedPeriodAsync();

        var tallies = await Reports.TallyVersionsAsync(Period, Period.AddDays(2), Token);

        Assert.Equal([("v0", 2), ("v1", 8)], tallies.Select(t => (t.ModelVersion, t.Outcomes)).OrderBy(t => t.ModelVersion));
        Assert.Equal(Period.AddHours(31), tallies.Single(t => t.ModelVersion == "v0").Latest);
        Assert.Equal("v1", ReportModel.Of(tallies)?.Version);
        Assert.Empty(await Reports.TallyVersionsAsync(Period.AddDays(-3), Period, Token));
    }

    [Fact]
    public async Task Runs_are_tallied_by_the_store_with_each_versions_threshold_and_reviews_settling_images()
    {
        await SeedPeriodAsync();
        var thresholds = new Dictionary<string, double> { ["v1"] = Threshold, ["v0"] = 0.75 };

        var runs = await Reports.TallyRunsAsync(new RunTallyQuery(Period, thresholds, 0.5, 10), Token);

        Assert.Equal(["night-2", "night-1"], runs.Select(r => r.RunId));
        // night-1: b (reviewed), c (reviewed) unsure, i by v0 at 0.3 unsure, e (reviewed) and f retakes; a, d sure.
        Assert.Equal(new RunTally("night-1", Period.AddHours(9), 9, 5, 2, 2, 2, 3), runs[1]);
        // night-2: i by v1 sure, j by v0 at 0.5 under v0's 0.75, k sure, "late" at 0.2.
        Assert.Equal(new RunTally("night-2", Period.AddHours(60), 4, 4, 0, 0, 2, 0), runs[0]);
    }

    private static async Task<List<ReportRow>> ReadAsync(IReportRows rows, ReportList list, int limit = int.MaxValue)
    {
        var read = new List<ReportRow>();
        await foreach (var row in rows.ReadAsync(list, Token, limit))
            read.Add(row);
        return read;
    }

    private static readonly IEqualityComparer<ReportRow> RowComparer = EqualityComparer<ReportRow>.Create(
        (a, b) => a is not null && b is not null && Key(a) == Key(b), r => Key(r).GetHashCode());

    private static string Key(ReportRow r) => string.Join('|', r.ImageId, string.Join(';', r.SourceNames), r.Status, r.Label, r.Confidence,
        string.Join(';', r.TopK), r.NeedsReview, r.ReviewedLabel, r.ReviewedBy, r.ReviewedAt?.ToUnixTimeMilliseconds(), r.Stage, r.Reason, r.Detail,
        r.ModelVersion, r.CompletedAt?.ToUnixTimeMilliseconds(), r.ReturnId);
}
