using System.Globalization;
using MassTransit;
using Microsoft.Extensions.Options;
using Returns.Contracts;
using Returns.Results.Storage;

namespace Returns.Results.Reports;

/// <summary>
/// Compiles the report of a period from the stored outcomes alone: everything completed in [from, to), plus inputs
/// refused by ingest, with the latest review of each image. The report names the version that did the most recent
/// work; an image classified only by an earlier version (before a promotion) keeps that version's outcome. The
/// return lines whose current verdict was assessed in [from, to) come with it.
/// </summary>
public sealed class ReportCompiler(IResultStore store, IReturnLineStore lines, IOptions<ResultsOptions> options, ModelFactsCache models,
    IBus bus, TimeProvider clock)
{
    public async Task<NightlyReport?> BuildAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var inPeriod = await store.QueryAsync(new ResultQuery { From = from, To = to, Limit = int.MaxValue }, cancellationToken);
        var modelRun = inPeriod.Where(o => o.ModelVersion != "")
            .MaxBy(o => (o.CompletedAt, o.ImageId));
        if (modelRun is null)
            return null;

        var outcomes = inPeriod;
        var items = outcomes.Select(o => new ReportItem(o.SourceName, o.ImageId)).ToArray();
        var model = new ModelIdentity(modelRun.ModelName ?? "", modelRun.ModelVersion, modelRun.ModelSha256 ?? "");
        var reviews = await store.FindReviewsAsync(items.Select(i => i.ImageId).Distinct().ToArray(), cancellationToken);
        var report = ReportBuilder.Build(items, outcomes, model, options.Value, models.For(model.Version), reviews);
        // A line belongs to the period its current verdict was assessed in, not the one its return was registered or its
        // photos taken in: a verdict is what staff act on, a line appears when it gets one (at the latest "incomplete" at
        // the deadline) and again in the period a late photo or a correction changes it. So each line is in exactly one
        // period's report, and reports of past periods stay as they were until a line among them is revised.
        var verdicts = await lines.QueryVerdictsAsync(new VerdictQuery { From = from, To = to, Limit = int.MaxValue }, cancellationToken);
        return report with { ReturnLines = ReturnLinesSection.Of(verdicts.Select(v => v.Verdict).ToArray()) };
    }

    /// <summary>Builds, writes under Results:ReportsPath/&lt;from&gt;--&lt;to&gt;/ and announces ReportCompiled, whose
    /// Location is that folder's name (relative to Results:ReportsPath: no server path leaves the service).</summary>
    public async Task<ReportCompiled?> CompileAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var report = await BuildAsync(from, to, cancellationToken);
        if (report is null)
            return null;
        var name = FolderName(from, to);
        var directory = new DirectoryInfo(Path.Combine(options.Value.ReportsPath, name));
        var thumbnails = await StoredThumbnails.LoadAsync(store, report, cancellationToken);
        await ReportWriter.WriteAsync(report, directory, thumbnails, [("period", PeriodLabel.Of(from, to))], cancellationToken);
        var compiled = new ReportCompiled
        {
            From = from, To = to, ModelVersion = report.Model.Version, Location = name,
            Images = report.Counts.Images, Classified = report.Counts.Classified, NeedsRetake = report.Counts.NeedsRetake,
            Rejected = report.Counts.Rejected, NeedReview = report.NeedPerson, DriftFlagged = report.Drift?.Flagged ?? false,
            CompiledAt = clock.GetUtcNow(),
        };
        await bus.Publish(compiled, cancellationToken);
        return compiled;
    }

    /// <summary>The period to the tick (DateTimeOffset's precision), so two different periods never share a folder.</summary>
    public static string FolderName(DateTimeOffset from, DateTimeOffset to) => $"{Stamp(from)}--{Stamp(to)}";

    private static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'.'fffffff'Z'", CultureInfo.InvariantCulture);
}
