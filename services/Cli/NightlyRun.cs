using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Returns.Classifier;
using Returns.Classifier.Inference;
using Returns.Contracts;
using Returns.Ingest;
using Returns.Ingest.Inbox;
using Returns.Results;
using Returns.Results.Reports;
using Returns.Results.Storage;
using Spectre.Console;

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

    private async Task<int> RunAsync(IHost host, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(request.Timeout);
        var store = host.Services.GetRequiredService<IResultStore>();
        var card = ServedModel(host.Services.GetRequiredService<IConfiguration>());
        var model = new ModelIdentity(card.Name, card.Version, card.Sha256);
        var options = host.Services.GetRequiredService<IOptions<ResultsOptions>>().Value;
        var clock = Stopwatch.StartNew();

        var ingested = new List<IngestResult>();
        var ingesting = TimeSpan.Zero;
        var imageIds = new List<string>();
        var pending = 0;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                await using var scope = host.Services.CreateAsyncScope();
                var scanner = scope.ServiceProvider.GetRequiredService<InboxScanner>();
                var files = scanner.Entries(request.Inbox).Count();
                var ingestingTask = progress.AddTask("Ingesting", maxValue: Math.Max(files, 1));
                var classifying = progress.AddTask("Classifying", maxValue: Math.Max(files, 1));
                try
                {
                    await scanner.DrainAsync(request.Inbox, request.EffectiveRunId,
                        async (id, ct) => (await store.FindAsync([id], model.Version, ct)).Count > 0,
                        result =>
                        {
                            ingested.Add(result);
                            ingestingTask.Increment(1);
                        }, deadline.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // --timeout passed while ingesting: report what was ingested, the rest waits for the next run.
                }
                ingestingTask.Value = ingestingTask.MaxValue;
                ingesting = clock.Elapsed;
                imageIds = ingested.Select(r => r.ImageId).Distinct().ToList();
                classifying.MaxValue = Math.Max(imageIds.Count, 1);
                pending = await WaitForOutcomesAsync(store, imageIds, model.Version, classifying, deadline.Token, cancellationToken);
            });

        var outcomes = await store.FindAsync(imageIds, model.Version, cancellationToken);
        var reviews = await store.FindReviewsAsync(imageIds, cancellationToken);
        var items = ingested.Select(r => new ReportItem(r.SourceName, r.ImageId)).ToArray();
        var facts = new ModelFacts(card.Baseline is { } b ? new Baseline(b.ClassMix, b.MeanConfidence) : null,
            card.Review?.Threshold, card.Review?.TargetAccuracy);
        var verdicts = await VerdictsOfImages.FindAsync(host.Services.GetRequiredService<IReturnLineStore>(), imageIds, cancellationToken);
        var report = ReportBuilder.Build(items, outcomes, model, options, facts, reviews) with { ReturnLines = ReturnLinesSection.Of(verdicts) };
        var stats = RunStatistics.From(ingested, ingesting, clock.Elapsed);
        await ReportWriter.WriteAsync(report, request.Output, await StoredThumbnails.LoadAsync(store, report, cancellationToken),
            [("classified this run", stats.Published.ToString()), ("seconds", stats.Seconds.ToString("F1")),
             ("images/s", stats.ImagesPerSecond.ToString("F1"))], cancellationToken);
        await stats.WriteAsync(request.Output, cancellationToken);

        ConsoleSummary.Print(report, stats, request.Output);
        return pending == 0 ? 0 : ExitPending;
    }

    /// <summary>The model the classifiers serve, read from the registry: external workers are not in this process.</summary>
    private static ModelCard ServedModel(IConfiguration configuration)
    {
        var options = configuration.GetSection(ClassifierOptions.Section).Get<ClassifierOptions>() ?? new ClassifierOptions();
        return ModelRegistry.Resolve(options.ModelsPath is { Length: > 0 } path ? path : ModelRegistry.DefaultModelsDirectory, options.ModelVersion).Card;
    }

    private static async Task<int> WaitForOutcomesAsync(IResultStore store, List<string> imageIds, string modelVersion,
        ProgressTask task, CancellationToken deadline, CancellationToken cancellationToken)
    {
        while (true)
        {
            var done = (await store.FindAsync(imageIds, modelVersion, cancellationToken)).Select(o => o.ImageId).Distinct().Count();
            task.Value = done;
            var pending = imageIds.Count - done;
            if (pending == 0 || deadline.IsCancellationRequested)
                return pending;
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), deadline);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // --timeout: one last look, then the rest is pending.
            }
        }
    }
}
