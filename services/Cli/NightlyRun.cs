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

    public async Task<int> ExecuteAsync(CancellationToken cancellationToken)
    {
        if (!request.Inbox.Exists)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]inbox {request.Inbox.FullName} does not exist[/]");
            return 1;
        }

        using var host = PipelineHost.Build(request.Data, request.Workers, request.Settings);
        await host.StartAsync(cancellationToken);
        var store = host.Services.GetRequiredService<IResultStore>();
        var card = ServedModel(host.Services.GetRequiredService<IConfiguration>());
        var model = new ModelIdentity(card.Name, card.Version, card.Sha256);
        var options = host.Services.GetRequiredService<IOptions<ResultsOptions>>().Value;
        var clock = Stopwatch.StartNew();

        IReadOnlyList<IngestResult> ingested = [];
        var ingesting = TimeSpan.Zero;
        var imageIds = new List<string>();
        var pending = 0;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var files = InboxScanner.Entries(request.Inbox).Count;
                var ingestingTask = progress.AddTask("Ingesting", maxValue: Math.Max(files, 1));
                var classifying = progress.AddTask("Classifying", maxValue: Math.Max(files, 1));
                await using (var scope = host.Services.CreateAsyncScope())
                {
                    var scanner = scope.ServiceProvider.GetRequiredService<InboxScanner>();
                    ingested = await scanner.DrainAsync(request.Inbox, request.EffectiveRunId,
                        async (id, ct) => (await store.FindAsync([id], model.Version, ct)).Count > 0,
                        _ => ingestingTask.Increment(1), cancellationToken);
                }
                ingestingTask.Value = ingestingTask.MaxValue;
                ingesting = clock.Elapsed;
                imageIds = ingested.Select(r => r.ImageId).Distinct().ToList();
                classifying.MaxValue = Math.Max(imageIds.Count, 1);
                pending = await WaitForOutcomesAsync(store, imageIds, model.Version, classifying, cancellationToken);
            });

        var outcomes = await store.FindAsync(imageIds, model.Version, cancellationToken);
        var items = ingested.Select(r => new ReportItem(r.SourceName, r.ImageId)).ToArray();
        var facts = new ModelFacts(card.Baseline is { } b ? new Baseline(b.ClassMix, b.MeanConfidence) : null,
            card.Review?.Threshold, card.Review?.TargetAccuracy);
        var report = ReportBuilder.Build(items, outcomes, model, options, facts);
        var stats = RunStatistics.From(ingested, ingesting, clock.Elapsed);
        await ReportWriter.WriteAsync(report, request.Output, Thumbnails.FromInbox(request.Inbox),
            [("classified this run", stats.Published.ToString()), ("seconds", stats.Seconds.ToString("F1")),
             ("images/s", stats.ImagesPerSecond.ToString("F1"))], cancellationToken);
        await stats.WriteAsync(request.Output, cancellationToken);
        await host.StopAsync(CancellationToken.None);

        ConsoleSummary.Print(report, stats, request.Output);
        return pending == 0 ? 0 : ExitPending;
    }

    /// <summary>The model the classifiers serve, read from the registry: external workers are not in this process.</summary>
    private static ModelCard ServedModel(IConfiguration configuration)
    {
        var options = configuration.GetSection(ClassifierOptions.Section).Get<ClassifierOptions>() ?? new ClassifierOptions();
        return ModelRegistry.Resolve(options.ModelsPath is { Length: > 0 } path ? path : ModelRegistry.DefaultModelsDirectory, options.ModelVersion).Card;
    }

    private async Task<int> WaitForOutcomesAsync(IResultStore store, List<string> imageIds, string modelVersion,
        ProgressTask task, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var done = (await store.FindAsync(imageIds, modelVersion, cancellationToken)).Select(o => o.ImageId).Distinct().Count();
            task.Value = done;
            var pending = imageIds.Count - done;
            if (pending == 0 || deadline.Elapsed > request.Timeout)
                return pending;
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }
}
