using System.Globalization;
using System.Text.Json;
using Returns.Testing;

namespace Returns.Benchmarks;

/// <summary>What one `returns run` reported about itself (run.json) and what it left in the claim check.</summary>
public sealed record PipelineRun(double ImagesPerSecond, int Published, double PeakRssMiB, double? QueueLagSeconds,
    IReadOnlyList<(string Stage, double Seconds, double Share)> Stages, FolderSize ClaimCheckAfterRun)
{
    /// <summary>Images stored per second between the 10th and the 90th percentile of their stored_at: the rate once the
    /// run is under way, without its start (JIT, first batches) and its tail.</summary>
    public double SteadyImagesPerSecond { get; init; }

    /// <summary>When the inbox was drained, and when the last outcome was in: ingest keeping pace or holding it up.</summary>
    public (double Ingest, double Total) Seconds { get; init; }

    /// <summary>Images stored per second in each tenth of the run's outcomes, in the order they were stored: whether an
    /// image costs more as the night (and the database) grows.</summary>
    public IReadOnlyList<double> RatesByTenth { get; init; } = [];

    /// <summary>Processor seconds each process of the run used while it ran: `returns run`, and through the broker also
    /// the worker and the results service. RabbitMQ's own is not counted.</summary>
    public IReadOnlyList<(string Process, double Seconds)> Processor { get; init; } = [];

    /// <summary>What one image cost in processor time, all processes added up.</summary>
    public double ProcessorMsPerImage => Processor.Sum(p => p.Seconds) * 1000 / Math.Max(Published, 1);

    /// <summary>Reads the run.json a finished run wrote to <paramref name="output"/>, and the results database beside
    /// the claim check.</summary>
    public static PipelineRun Read(string output, string claimCheck)
    {
        using var run = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "run.json")));
        var root = run.RootElement;
        var stored = StoredAt(Path.Combine(claimCheck, "..", "results.db"));
        var stages = root.GetProperty("stages").EnumerateArray()
            .Select(s => (s.GetProperty("stage").GetString()!, s.GetProperty("seconds").GetDouble(), s.GetProperty("share").GetDouble()))
            .ToArray();
        return new PipelineRun(root.GetProperty("imagesPerSecond").GetDouble(), root.GetProperty("published").GetInt32(),
            root.GetProperty("peakWorkingSetMiB").GetDouble(),
            root.TryGetProperty("meanQueueLagSeconds", out var lag) && lag.ValueKind == JsonValueKind.Number ? lag.GetDouble() : null,
            stages, FolderSize.Of(claimCheck))
        {
            SteadyImagesPerSecond = Rate(stored, stored.Count / 10, stored.Count * 9 / 10),
            RatesByTenth = Enumerable.Range(0, 10).Select(t => Rate(stored, stored.Count * t / 10, stored.Count * (t + 1) / 10 - 1)).ToArray(),
            Seconds = (root.GetProperty("ingestSeconds").GetDouble(), root.GetProperty("seconds").GetDouble()),
            Processor = [("returns run", root.GetProperty("processorSeconds").GetDouble())],
        };
    }

    private static IReadOnlyList<DateTimeOffset> StoredAt(string database) =>
        DatabaseRows.Query(database, "SELECT stored_at FROM outcomes WHERE stored_at IS NOT NULL ORDER BY stored_at",
            row => DateTimeOffset.Parse(row.GetString(0), CultureInfo.InvariantCulture));

    /// <summary>Images stored per second from the <paramref name="from"/>th stored outcome to the <paramref name="to"/>th.</summary>
    private static double Rate(IReadOnlyList<DateTimeOffset> stored, int from, int to) =>
        stored.Count < 10 ? double.NaN : (to - from) / (stored[to] - stored[from]).TotalSeconds;

    /// <summary>`returns run` in one process (in-memory transport, SQLite, local claim check).</summary>
    public static async Task<PipelineRun> InProcessAsync(string inbox, string data, string[] settings)
    {
        var output = Path.Combine(data, "report");
        using var run = ServiceProcess.Start("Cli", "returns", ["run", "--inbox", inbox, "--out", output, "--data", data, .. settings],
            new Dictionary<string, string>(), Path.Combine(data, "..", Path.GetFileName(data) + ".log"));
        var exit = await run.WaitForExitAsync(TimeSpan.FromHours(2));
        if (exit != 0)
            throw new InvalidOperationException($"returns run exited with {exit}:\n{run.Output()}");
        return Read(output, Path.Combine(data, "claim-check"));
    }
}

/// <summary>Files and bytes under a folder, subfolders included; an absent folder is empty.</summary>
public sealed record FolderSize(int Files, long Bytes)
{
    public static FolderSize Of(string folder) => Directory.Exists(folder)
        ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => new FileInfo(f))
            .Aggregate(new FolderSize(0, 0), (size, file) => new FolderSize(size.Files + 1, size.Bytes + file.Length))
        : new FolderSize(0, 0);

    public override string ToString() => $"{Files} files, {Bytes / 1048576.0:F1} MiB";
}
