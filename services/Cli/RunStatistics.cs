using System.Text.Json;
using Returns.Ingest;

namespace Returns.Cli;

/// <summary>How this particular run went (run.json). Kept apart from the report, which must not change on a rerun.</summary>
public sealed record RunStatistics(int Files, int Published, int RejectedAtIngest, int AlreadyDone, double IngestSeconds, double Seconds,
    double ImagesPerSecond)
{
    public const string File = "run.json";

    /// <summary>Where this process spent its time, by stage (see <see cref="StageProfile"/>).</summary>
    public IReadOnlyList<StageTime> Stages { get; init; } = [];

    public double? MeanQueueLagSeconds { get; init; }

    /// <summary>The largest resident set this process had (VmHWM), in MiB.</summary>
    public double PeakWorkingSetMiB { get; init; }

    /// <summary>Processor time this process used from the start of the drain to the written report, every core added up:
    /// divided by the images, what one image costs, a figure far steadier than a rate on a shared machine.</summary>
    public double ProcessorSeconds { get; init; }

    public static RunStatistics From(IReadOnlyList<IngestResult> results, TimeSpan ingesting, TimeSpan elapsed)
    {
        var published = results.Count(r => r.Status == IngestStatus.Published);
        return new RunStatistics(results.Count, published, results.Count(r => r.Status == IngestStatus.Rejected),
            results.Count(r => r.Status == IngestStatus.AlreadyDone), Math.Round(ingesting.TotalSeconds, 2), Math.Round(elapsed.TotalSeconds, 2),
            Math.Round(published / Math.Max(elapsed.TotalSeconds, 1e-3), 1));
    }

    public Task WriteAsync(DirectoryInfo output, CancellationToken cancellationToken) =>
        System.IO.File.WriteAllTextAsync(Path.Combine(output.FullName, File),
            JsonSerializer.Serialize(this, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }) + "\n",
            cancellationToken);
}
