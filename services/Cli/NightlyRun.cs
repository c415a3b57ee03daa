using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Returns.Contracts;
using Returns.Ingest;
using Returns.Ingest.Inbox;
using Returns.Models;
using Returns.Results;
using Returns.Results.Reports;
using Returns.Results.Shadow;
using Returns.Results.Storage;
using Returns.ServiceDefaults;
using Returns.ServiceDefaults.Storage;
using Spectre.Console;
using Returns.Telemetry;

namespace Returns.Cli;

public sealed record RunRequest(DirectoryInfo Inbox, DirectoryInfo Output, DirectoryInfo Data, TimeSpan Timeout, WorkerPlacement Workers,
    string? RunId, string[] Settings)
{
    /// <summary>Names the run in every stored result: given, or the inbox folder's name and today's date.</summary>
    public string EffectiveRunId => RunId ?? $"{Inbox.Name}-{DateTime.UtcNow:yyyy-MM-dd}";
}

/// <summary>
/// The nightly job: drain the inbox through ingest → classifier → results, wait until every image has an
/// outcome, write the report. Safe to run again at any point: images that already have an outcome are skipped.
/// </summary>
public sealed class NightlyRun(RunRequest request)
{
    public const int ExitPending = 2;

    /// <summary>The data folder or the results database failed (disk full, locked, damaged): nothing about the photos
    /// was concluded from it, and the same run is simply run again once the storage is mended.</summary>
    public const int ExitStorageFault = 3;

    public const int ExitInterrupted = 130;

    /// <summary>Runs until every image has an outcome, --timeout passes (the rest is reported as pending) or the
    /// process is told to stop (SIGINT, SIGTERM): then ingest stops between two files, the host stops cleanly,
    /// and whatever was stored stays stored for the next run.</summary>
    public async Task<int> ExecuteAsync(CancellationToken cancellationToken)
    {
        if (!request.Inbox.Exists)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]inbox {request.Inbox.FullName} does not exist[/]");
            return 1;
        }

        using var host = PipelineHost.Build(request.Data, request.Workers, request.Settings);
        try
        {
            await host.StartAsync(cancellationToken);
            return await RunAsync(host, cancellationToken);
        }
        catch (BrokerUnavailableException e)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]{e.Message}[/]");
            return 1;
        }
        catch (Exception e) when (StorageFaults.Classify(e) is { } fault)
        {
            AnsiConsole.MarkupLineInterpolated(
                $"[red]storage fault: {fault.Message}. No photo was judged on it; mend the data folder ({request.Data.FullName}) and run again.[/]");
            return ExitStorageFault;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            AnsiConsole.MarkupLine("[yellow]stopped on request; what was stored stays stored, run again to finish[/]");
            return ExitInterrupted;
        }
        finally
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await host.StopAsync(stopping.Token);
        }
    }

    /// <summary>The story of a run: drain the inbox and wait for every outcome (with progress bars), then build the
    /// report from what was stored, write it and print its summary.</summary>
    private async Task<int> RunAsync(IHost host, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(request.Timeout);
        using var profile = new StageProfile();
        var store = host.Services.GetRequiredService<IResultStore>();
        var faults = host.Services.GetRequiredService<StorageFaults>();
        // Listening before the first image is published, so that no outcome stored in this process goes unheard.
        using var stored = host.Services.GetRequiredService<OutcomeNotifications>().Listen();
        await using var scope = host.Services.CreateAsyncScope();
        var scanner = scope.ServiceProvider.GetRequiredService<InboxScanner>();
        var shadow = new ShadowDrain(host.Services.GetRequiredService<IShadowStore>(), host.Services.GetRequiredService<ModelsFolder>());
        if (request.Workers == WorkerPlacement.Embedded)
            await shadow.StartAsync(cancellationToken);
        var clock = Stopwatch.StartNew();
        var processorAtStart = Process.GetCurrentProcess().TotalProcessorTime;

        var progress = await ShowProgressAsync(scanner, shadow.Active, async bars =>
        {
            var ingested = await DrainInboxAsync(scanner, store, faults, bars.Ingesting, deadline.Token, cancellationToken);
            var ingesting = clock.Elapsed;
            var pending = await WaitForOutcomesAsync(store, faults, stored.Stored, ImageIds(ingested), bars.Classifying, deadline.Token,
                cancellationToken);
            if (bars.Shadow is not null)
            {
                var missed = await shadow.WaitAsync(ingested.Count(r => r.Status == IngestStatus.Published), bars.Shadow, deadline.Token);
                if (missed > 0)
                    AnsiConsole.MarkupLineInterpolated($"[yellow]the shadow did not classify {missed} of this run's images[/]");
            }
            return new Progress(ingested, ingesting, pending);
        });

        var reporting = Stopwatch.GetTimestamp();
        var report = await BuildReportAsync(host.Services, progress.Ingested, cancellationToken);
        var stats = RunStatistics.From(progress.Ingested, progress.Ingesting, clock.Elapsed);
        await WriteReportAsync(store, report, stats, cancellationToken);
        ReturnsTelemetry.RecordStage(Stages.Report, reporting);
        stats = stats with
        {
            Stages = profile.Stages(), MeanQueueLagSeconds = profile.MeanQueueLagSeconds(),
            PeakWorkingSetMiB = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0, 1),
            ProcessorSeconds = Math.Round((Process.GetCurrentProcess().TotalProcessorTime - processorAtStart).TotalSeconds, 2),
        };
        await stats.WriteAsync(request.Output, cancellationToken);
        ConsoleSummary.Print(report, stats, request.Output);
        return progress.Pending == 0 ? 0 : ExitPending;
    }

    private sealed record Progress(IReadOnlyList<IngestResult> Ingested, TimeSpan Ingesting, int Pending);

    private sealed record ProgressBars(ProgressTask Ingesting, ProgressTask Classifying, ProgressTask? Shadow);

    private Task<Progress> ShowProgressAsync(InboxScanner scanner, bool shadow, Func<ProgressBars, Task<Progress>> work) =>
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var files = Math.Max(scanner.Entries(request.Inbox).Count(), 1);
                return await work(new ProgressBars(context.AddTask("Ingesting", maxValue: files), context.AddTask("Classifying", maxValue: files),
                    shadow ? context.AddTask("Shadow", maxValue: files) : null));
            });

    /// <summary>Publishes every image of the inbox that has no outcome yet. An image with an outcome by any version is
    /// done: a promotion does not reclassify what an earlier version already settled.
    /// A storage fault heard from the consumers stops the drain at the next file.</summary>
    private async Task<IReadOnlyList<IngestResult>> DrainInboxAsync(InboxScanner scanner, IResultStore store, StorageFaults faults,
        ProgressTask bar, CancellationToken deadline, CancellationToken cancellationToken)
    {
        var ingested = new List<IngestResult>();
        try
        {
            await scanner.DrainAsync(request.Inbox, request.EffectiveRunId,
                async (id, ct) => (await store.FindAsync([id], modelVersion: null, ct)).Count > 0,
                result =>
                {
                    faults.ThrowIfFaulted();
                    ingested.Add(result);
                    bar.Increment(1);
                }, deadline);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // --timeout passed while ingesting: report what was ingested, the rest waits for the next run.
        }
        bar.Value = bar.MaxValue;
        return ingested;
    }

    private static string[] ImageIds(IReadOnlyList<IngestResult> ingested) => ingested.Select(r => r.ImageId).Distinct().ToArray();

    /// <summary>How long to wait for a notification before looking at the store itself: outcomes stored by another
    /// process (external workers) are never heard of here.</summary>
    private static readonly TimeSpan StoreCheckInterval = TimeSpan.FromSeconds(1);

    /// <summary>Waits until every image has an outcome, whichever version produced it (workers may serve another
    /// version than this process would guess, and a promotion may land mid-run). Outcomes stored in this process are
    /// heard as they happen; the store is asked only about the images still pending, when nothing was heard for a while.
    /// A storage fault heard from the consumers ends the wait at once (as a <see cref="StorageFaultException"/>).</summary>
    private static async Task<int> WaitForOutcomesAsync(IResultStore store, StorageFaults faults, ChannelReader<string> stored, string[] imageIds,
        ProgressTask bar, CancellationToken deadline, CancellationToken cancellationToken)
    {
        bar.MaxValue = Math.Max(imageIds.Length, 1);
        var pending = new HashSet<string>(imageIds);
        await RemoveStoredAsync(store, pending, cancellationToken);
        while (pending.Count > 0 && !deadline.IsCancellationRequested)
        {
            faults.ThrowIfFaulted();
            bar.Value = imageIds.Length - pending.Count;
            using var quiet = CancellationTokenSource.CreateLinkedTokenSource(deadline);
            quiet.CancelAfter(StoreCheckInterval);
            try
            {
                await stored.WaitToReadAsync(quiet.Token);
                while (stored.TryRead(out var imageId))
                    pending.Remove(imageId);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Nothing heard for a while, or --timeout: one look at the store.
                await RemoveStoredAsync(store, pending, cancellationToken);
            }
        }
        faults.ThrowIfFaulted();
        bar.Value = imageIds.Length - pending.Count;
        return pending.Count;
    }

    private static async Task RemoveStoredAsync(IResultStore store, HashSet<string> pending, CancellationToken cancellationToken)
    {
        if (pending.Count > 0)
            pending.ExceptWith((await store.FindAsync(pending, modelVersion: null, cancellationToken)).Select(o => o.ImageId));
    }

    /// <summary>The report of this run's inputs (see <see cref="ReportAssembler"/>).</summary>
    private static Task<NightlyReport> BuildReportAsync(IServiceProvider services, IReadOnlyList<IngestResult> ingested,
        CancellationToken cancellationToken) =>
        services.GetRequiredService<ReportAssembler>().ForRunAsync(ingested.Select(r => new ReportItem(r.SourceName, r.ImageId)).ToArray(),
            cancellationToken);

    private async Task WriteReportAsync(IResultStore store, NightlyReport report, RunStatistics stats, CancellationToken cancellationToken)
    {
        await ReportWriter.WriteAsync(report, request.Output, await StoredThumbnails.LoadAsync(store, report, cancellationToken),
            [(ReportHtml.RunFact, request.EffectiveRunId), ("classified this run", stats.Published.ToString()), ("seconds", stats.Seconds.ToString("F1")),
             ("images/s", stats.ImagesPerSecond.ToString("F1"))], cancellationToken);
    }
}
