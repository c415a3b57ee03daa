using System.Globalization;
using MassTransit;
using Microsoft.Extensions.Options;
using Returns.Contracts;
using Returns.Results.Storage;

namespace Returns.Results.Reports;

/// <summary>
/// Compiles the report of a period from the stored outcomes alone: everything completed in [from, to), plus inputs
/// refused by ingest, with the latest review of each image, counted by the store and its rows streamed (see
/// <see cref="ReportAssembler"/>). An image classified only by another version than the report's keeps that version's
/// outcome. The return lines whose current verdict was assessed in [from, to) come with it.
/// </summary>
// A line belongs to the period its current verdict was assessed in, not the one its return was registered or its
// photos taken in: a verdict is what staff act on, a line appears when it gets one (at the latest "incomplete" at
// the deadline) and again in the period a late photo or a correction changes it. So each line is in exactly one
// period's report, and reports of past periods stay as they were until a line among them is revised.
public sealed class ReportCompiler(ReportAssembler assembler, IResultStore store, IOptions<ResultsOptions> options, IBus bus, TimeProvider clock)
{
    /// <summary>The whole report with its rows in memory, for the API's answer; <see cref="CompileAsync"/> streams them.</summary>
    public async Task<NightlyReport?> BuildAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var streamed = await assembler.ForPeriodAsync(from, to, cancellationToken, listed: int.MaxValue);
        if (streamed is null)
            return null;
        var rows = new List<ReportRow>();
        await foreach (var row in streamed.ReadRowsAsync(cancellationToken))
            rows.Add(row);
        return streamed.Report with { Rows = rows };
    }

    /// <summary>Builds, writes under Results:ReportsPath/&lt;from&gt;--&lt;to&gt;/ and announces ReportCompiled, whose
    /// Location is that folder's name (relative to Results:ReportsPath: no server path leaves the service).</summary>
    public async Task<ReportCompiled?> CompileAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var streamed = await assembler.ForPeriodAsync(from, to, cancellationToken);
        if (streamed is null)
            return null;
        var report = streamed.Report;
        var name = FolderName(from, to);
        var directory = new DirectoryInfo(Path.Combine(options.Value.ReportsPath, name));
        var thumbnails = await StoredThumbnails.LoadAsync(store, report, cancellationToken);
        await ReportWriter.WriteAsync(report, streamed.ReadRowsAsync(cancellationToken), directory, thumbnails, [("period", PeriodLabel.Of(from, to))],
            streamed.ReadListAsync, cancellationToken);
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
