using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Returns.Results;
using Returns.Results.Storage;
using Returns.Testing;
using Returns.Testing.Million;

namespace Returns.Benchmarks.Million;

/// <summary>
/// `-- million [--sizes 100000,1000000] [--keep DIR] [--reuse] [--pages-only]`: for each size, generates a results store,
/// compiles the period report over all of it in a child process (seconds, peak RSS), times each console page's store
/// work and then each page over HTTP as staff open it (<see cref="ConsoleHttpPages"/>); then prints the growth from the
/// first size to the last, and the processor it ran on. --reuse keeps a store that --keep DIR
/// already holds for a size instead of generating it again (its generation time is then not measured); --pages-only
/// skips the compile.
/// </summary>
public static class MillionOutcomes
{
    private const int WarmRuns = 5;

    private sealed record Size(int Outcomes, GeneratedStore? Store, PeriodCompile.Measured? Compile, IReadOnlyList<(string Page, double ColdMs, double WarmMs)> Pages,
        IReadOnlyList<(string Page, double ColdMs, double WarmMs)> HttpPages);

    private sealed record Choices(string Root, bool Reuse, bool PagesOnly);

    public static async Task RunAsync(string[] args)
    {
        var sizes = Option(args, "--sizes", "100000,1000000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var root = Option(args, "--keep", "") is { Length: > 0 } keep ? Directory.CreateDirectory(keep) : Directory.CreateTempSubdirectory("returns-million-");
        Console.WriteLine($"processor: {Processor()}, {Environment.ProcessorCount} cores");
        var measured = new List<Size>();
        var choices = new Choices(root.FullName, args.Contains("--reuse"), args.Contains("--pages-only"));
        foreach (var outcomes in sizes)
            measured.Add(await MeasureAsync(outcomes, choices));
        Print(measured);
        if (Option(args, "--keep", "") == "")
            root.Delete(recursive: true);
    }

    private static async Task<Size> MeasureAsync(int outcomes, Choices choices)
    {
        var data = Directory.CreateDirectory(Path.Combine(choices.Root, $"data-{outcomes}")).FullName;
        var database = Path.Combine(data, "results.db");
        var mix = new OutcomeMix { Outcomes = outcomes };
        GeneratedStore? generated = null;
        if (choices.Reuse && File.Exists(database))
            Console.WriteLine($"{outcomes:N0} outcomes: reusing {database}");
        else
        {
            foreach (var file in Directory.GetFiles(data, "results.db*"))
                File.Delete(file);
            generated = await OutcomeGenerator.WriteAsync(database, mix, CancellationToken.None);
            Console.WriteLine($"{outcomes:N0} outcomes: generated {generated.Images:N0} images, {generated.Reviews:N0} reviews, "
                + $"{generated.ReturnLines:N0} return lines in {generated.Elapsed.TotalSeconds:F1} s");
        }

        PeriodCompile.Measured? compile = null;
        if (!choices.PagesOnly)
        {
            compile = await PeriodCompile.RunAsync(data, mix.FirstNight.Date, mix.FirstNight.Date.AddDays(mix.Nights + 1),
                Path.Combine(choices.Root, $"report-{outcomes}"));
            Console.WriteLine($"  compile: {compile.Seconds:F1} s, peak RSS {compile.PeakRssMiB:F0} MiB ({compile.Said.ReplaceLineEndings(" ")})");
        }

        var store = new SqliteResultStore(Options.Create(new ResultsOptions { SqlitePath = database }));
        // Opening an older file migrates it (new columns, indexes, tallies): timed apart, so the first page's cold call is the page's.
        var opening = Stopwatch.StartNew();
        await store.InitializeAsync(CancellationToken.None);
        Console.WriteLine($"  opened the store (with any migration) in {opening.Elapsed.TotalSeconds:F1} s");
        var pages = new ConsolePages(store, mix.LaterVersion, mix.EarlierVersion, Thresholds(mix));
        var timed = new List<(string, double, double)>();
        Console.WriteLine("  the store work of each page:");
        foreach (var (page, load) in pages.All)
            timed.Add(await ColdThenWarmAsync(page, () => TimeAsync(load)));

        var http = new List<(string, double, double)>();
        Console.WriteLine("  each page over HTTP, signed in (the console's host in this process):");
        await using (var console = await ConsoleHttpPages.StartAsync(database, mix))
            foreach (var (role, path) in ConsoleHttpPages.Pages(mix))
                http.Add(await ColdThenWarmAsync($"{role} {path}", () => console.TimeAsync(role, path)));
        return new Size(outcomes, generated, compile, timed, http);
    }

    private static async Task<(string, double, double)> ColdThenWarmAsync(string page, Func<Task<double>> time)
    {
        var cold = await time();
        var warm = new List<double>();
        for (var i = 0; i < WarmRuns; i++)
            warm.Add(await time());
        var median = warm.Order().ElementAt(WarmRuns / 2);
        Console.WriteLine($"  {page,-52} {cold,8:F1} ms cold {median,8:F1} ms median of {WarmRuns}");
        return (page, cold, median);
    }

    private static async Task<double> TimeAsync(Func<CancellationToken, Task> load)
    {
        var clock = Stopwatch.StartNew();
        await load(CancellationToken.None);
        return clock.Elapsed.TotalMilliseconds;
    }

    private static void Print(IReadOnlyList<Size> sizes)
    {
        var (small, large) = (sizes[0], sizes[^1]);
        Console.WriteLine();
        Console.WriteLine($"growth from {small.Outcomes:N0} to {large.Outcomes:N0} outcomes ({large.Outcomes / (double)small.Outcomes:F0}x)");
        Console.WriteLine($"  {"",-60} {small.Outcomes,12:N0} {large.Outcomes,12:N0}   growth");
        if (small.Store is { } smallStore && large.Store is { } largeStore)
            Row("generate (s)", smallStore.Elapsed.TotalSeconds, largeStore.Elapsed.TotalSeconds);
        if (small.Compile is { } smallCompile && large.Compile is { } largeCompile)
        {
            Row("compile (s, target <= 60)", smallCompile.Seconds, largeCompile.Seconds);
            Row("compile peak RSS (MiB, <= 300)", smallCompile.PeakRssMiB, largeCompile.PeakRssMiB);
        }
        foreach (var ((page, _, smallMs), (_, _, largeMs)) in small.Pages.Zip(large.Pages))
            Row($"{page} (ms, <= 300)", smallMs, largeMs);
        foreach (var ((page, _, smallMs), (_, _, largeMs)) in small.HttpPages.Zip(large.HttpPages))
            Row($"HTTP {page} (ms, <= 300)", smallMs, largeMs);
        Console.WriteLine($"processor: {Processor()}");
    }

    private static void Row(string name, double small, double large) =>
        Console.WriteLine($"  {name,-60} {small,12:F1} {large,12:F1}   x{large / Math.Max(small, 1e-9):F1}");

    private static IReadOnlyDictionary<string, double> Thresholds(OutcomeMix mix) =>
        new[] { mix.EarlierVersion, mix.LaterVersion }.ToDictionary(v => v, v =>
        {
            using var card = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Models, v, "model-card.json")));
            return card.RootElement.GetProperty("review").GetProperty("threshold").GetDouble();
        });

    private static string Processor() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown"
            : "unknown";

    private static string Option(string[] args, string name, string fallback) =>
        Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
}
