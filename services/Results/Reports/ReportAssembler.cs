using Microsoft.Extensions.Options;
using Returns.Contracts;
using Returns.Results.Storage;

namespace Returns.Results.Reports;

/// <summary>A period's report whose rows are still in the store: <see cref="Report"/> has every figure and list but no
/// <see cref="NightlyReport.Rows"/>; <see cref="ReadRowsAsync"/> streams them, in the report's order.</summary>
public sealed class StreamedReport(NightlyReport report, IReportRows rows) : IAsyncDisposable
{
    public NightlyReport Report { get; } = report;

    public IAsyncEnumerable<ReportRow> ReadRowsAsync(CancellationToken cancellationToken) => rows.ReadAsync(ReportList.All, cancellationToken);

    /// <summary>One of the report's lists whole, where <see cref="Report"/> may hold only its first rows.</summary>
    public IAsyncEnumerable<ReportRow> ReadListAsync(ReportList list) => rows.ReadAsync(list, CancellationToken.None);

    public ValueTask DisposeAsync() => rows.DisposeAsync();
}

/// <summary>
/// Assembles the reports, the night's and the period's, the same way: the model by <see cref="ReportModel"/>, that
/// model's facts and threshold, the figures and lists (<see cref="ReportBuilder.Assemble"/>) and the return lines. A
/// night's images are few enough to count in memory; a period's are counted by the store and its rows streamed.
/// </summary>
public sealed class ReportAssembler(IResultStore store, IReturnLineStore lines, IReportStore reports, IOptions<ResultsOptions> options,
    ModelFactsCache models)
{
    /// <summary>The report of a run's inputs; its return lines are those with a photo among them.</summary>
    public async Task<NightlyReport> ForRunAsync(IReadOnlyList<ReportItem> items, CancellationToken cancellationToken)
    {
        var imageIds = items.Select(i => i.ImageId).Distinct().ToArray();
        var outcomes = await store.FindAsync(imageIds, modelVersion: null, cancellationToken);
        var reviews = await store.FindReviewsAsync(imageIds, cancellationToken);
        var model = ReportModel.Of(ReportModel.Tally(outcomes)) ?? new ModelIdentity("", "", "");
        var verdicts = await VerdictsOfImages.FindAsync(lines, imageIds, cancellationToken);
        return ReportBuilder.Build(items, outcomes, model, options.Value, models.For(model.Version), reviews)
            with { ReturnLines = ReturnLinesSection.Of(verdicts) };
    }

    /// <summary>The report of everything completed in [from, to), or null when no model produced anything in it. A line
    /// belongs to the period its current verdict was assessed in (see <see cref="ReportCompiler"/>).</summary>
    /// <param name="listed">How many rows of each list (of each reason's rejections) the report holds: the page's. The
    /// full counts are in its counts and <see cref="NightlyReport.Totals"/>; <see cref="StreamedReport.ReadListAsync"/> reads a list whole.</param>
    public async Task<StreamedReport?> ForPeriodAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken,
        int listed = ReportHtml.SectionLimit)
    {
        if (ReportModel.Of(await reports.TallyVersionsAsync(from, to, cancellationToken)) is not { } model)
            return null;
        var facts = models.For(model.Version);
        var rows = await reports.OpenReportRowsAsync(new ReportScope(from, to, model.Version, options.Value.ReviewThreshold(facts)), cancellationToken);
        try
        {
            var unsure = await ListHead.ReadAsync(rows, ReportList.LowConfidence, listed, cancellationToken);
            var reviewed = await ListHead.ReadAsync(rows, ReportList.Reviewed, listed, cancellationToken);
            var retakes = await ListHead.ReadAsync(rows, ReportList.NeedsRetake, listed, cancellationToken);
            var rejected = await ListHead.ByReasonAsync(rows, listed, cancellationToken);
            var lists = new ReportLists(unsure, reviewed, retakes, []);
            var report = ReportBuilder.Assemble(model, options.Value, facts, await rows.AggregateAsync(cancellationToken), lists) with
            {
                Rejected = rejected,
                Totals = await rows.CountListsAsync(cancellationToken),
            };
            var verdicts = await lines.QueryVerdictsAsync(new VerdictQuery { From = from, To = to, Limit = int.MaxValue }, cancellationToken);
            return new StreamedReport(report with { ReturnLines = ReturnLinesSection.Of(verdicts.Select(v => v.Verdict).ToArray()) }, rows);
        }
        catch
        {
            await rows.DisposeAsync();
            throw;
        }
    }
}
