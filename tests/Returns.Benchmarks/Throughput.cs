using System.Globalization;
using Returns.Classifier;
using Returns.Testing;

namespace Returns.Benchmarks;

/// <summary>
/// The throughput benchmark (issue 12), every figure from one invocation on the same photos: ONNX Runtime alone, the
/// in-process pipeline on a small and a large night, and the broker path with one worker holding every core. Prints
/// the ratios side by side, peak RSS, the claim check's disk before, after the run and after the grace period, and
/// where the time went per stage. Figures only: nothing here passes or fails.
/// </summary>
public static class Throughput
{
    private const int BatchSize = 16;

    /// <summary>Grace and review hold short enough to watch them pass: the claim check must then be back to its baseline.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(string[] args)
    {
        var small = Argument(args, "--images", 1000);
        var large = Argument(args, "--large", 10_000);
        Console.WriteLine($"processor: {Returns.Inference.ProcessorFeatures.Current}; {Environment.ProcessorCount} cores");
        if (args.Contains("--broker-only"))
        {
            await BrokerOnlyAsync(small);
            return;
        }
        var cores = Environment.ProcessorCount;
        var classifier = new ClassifierOptions();
        var (streams, threads) = (classifier.ConcurrentBatches, classifier.EffectiveIntraOpThreads);
        var work = Directory.CreateTempSubdirectory("returns-bench-");
        Console.WriteLine($"{small} and {large} distinct photos, batch {BatchSize}, {cores} cores; the pipeline runs {streams} batches at once, " +
            $"ONNX Runtime on {threads} intra-op thread(s) each");
        try
        {
            // The ceiling is the better of the pipeline's arrangement and one call on every core, so that the split can
            // never flatter the ratio.
            var asPipeline = RawInference.ImagesPerSecond(small, BatchSize, streams, threads);
            var oneCall = RawInference.ImagesPerSecond(small, BatchSize, 1, cores);
            var raw = Math.Max(asPipeline, oneCall);
            Console.WriteLine($"ONNX Runtime alone: {asPipeline:F1} images/s as the pipeline calls it, {oneCall:F1} in one call on {cores} threads");

            var smallInbox = Inboxes.Unique(Path.Combine(work.FullName, "inbox-small"), small);
            var ceiling = OneCoreCosts.Measure(smallInbox.Directory, small, BatchSize, classifier.ThumbnailSize);
            Console.WriteLine($"on one core, per image: ONNX Runtime {ceiling.InferenceMs:F2} ms, preprocessing {ceiling.PreprocessingMs:F2} ms");
            var (smallRun, disk) = await InProcessWithCleanupAsync(work, "small", smallInbox.Directory);
            Console.WriteLine($"in-process, {small} images: {smallRun.ImagesPerSecond:F1} images/s");
            Directory.Delete(smallInbox.Directory, recursive: true);

            var largeRun = (PipelineRun?)null;
            if (large > 0)
            {
                var largeInbox = Inboxes.Unique(Path.Combine(work.FullName, "inbox-large"), large);
                largeRun = await PipelineRun.InProcessAsync(largeInbox.Directory, Path.Combine(work.FullName, "large"), Settings());
                Console.WriteLine($"in-process, {large} images: {largeRun.ImagesPerSecond:F1} images/s");
                Directory.Delete(largeInbox.Directory, recursive: true);
            }

            smallInbox = Inboxes.Unique(Path.Combine(work.FullName, "inbox-broker"), small);
            var broker = await ThroughBrokerAsync(smallInbox.Directory);
            Console.WriteLine($"through RabbitMQ, 1 worker on {cores} cores, {small} images: {broker.ImagesPerSecond:F1} images/s");

            Print(raw, ceiling, smallRun, largeRun, broker, disk, small, large);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static string[] Settings() =>
    [
        $"--Messaging:ClaimCheckGracePeriod={Grace}", $"--Messaging:ReviewHoldPeriod={Grace}", $"--Classifier:BatchSize={BatchSize}",
    ];

    /// <summary>The small night, then (once the grace period has passed) a run over an empty inbox on the same data, which
    /// sweeps the claim check as every run of the results side does.</summary>
    private static async Task<(PipelineRun Run, (FolderSize Before, FolderSize After, FolderSize AfterGrace) Disk)> InProcessWithCleanupAsync(
        DirectoryInfo work, string name, string inbox)
    {
        var data = Path.Combine(work.FullName, name);
        var claimCheck = Path.Combine(data, "claim-check");
        var before = FolderSize.Of(claimCheck);
        var run = await PipelineRun.InProcessAsync(inbox, data, Settings());
        await Task.Delay(Grace + TimeSpan.FromSeconds(1));
        var empty = Directory.CreateDirectory(Path.Combine(work.FullName, "inbox-empty")).FullName;
        await PipelineRun.InProcessAsync(empty, data, Settings());
        return (run, (before, run.ClaimCheckAfterRun, FolderSize.Of(claimCheck)));
    }

    /// <summary>Just the broker path, for looking into it: the other figures take minutes.</summary>
    private static async Task BrokerOnlyAsync(int images)
    {
        var work = Directory.CreateTempSubdirectory("returns-bench-");
        try
        {
            var inbox = Inboxes.Unique(Path.Combine(work.FullName, "inbox-broker"), images);
            var broker = await ThroughBrokerAsync(inbox.Directory);
            Console.WriteLine($"through RabbitMQ, 1 worker on {Environment.ProcessorCount} cores, {images} images: {broker.ImagesPerSecond:F1} images/s, " +
                $"steady {broker.SteadyImagesPerSecond:F1}; inbox drained after {broker.Seconds.Ingest:F1} s of {broker.Seconds.Total:F1} s; " +
                $"processor time per image {Cost(broker)}");
            Console.WriteLine($"per worker core: {PerWorkerCore(broker):F0} images/s (1 s over the worker's processor time per image)");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task<PipelineRun> ThroughBrokerAsync(string inbox)
    {
        await using var node = await RabbitMqNode.StartAsync();
        using var system = await DistributedSystem.CreateAsync(node, "bench");
        var results = system.StartResults();
        var worker = system.StartWorker("worker-0", BatchSize, intraOpThreads: 0);
        await system.WaitForConsumersAsync(1);
        var (resultsBefore, workerBefore) = (results.ProcessorTime, worker.ProcessorTime);
        var (exit, output) = await system.RunAsync(inbox, TimeSpan.FromMinutes(30));
        if (exit != 0)
            throw new InvalidOperationException(output + system.Logs());
        var run = PipelineRun.Read(system.Output, system.ClaimCheck);
        return run with
        {
            Processor =
            [
                .. run.Processor, ("worker", (worker.ProcessorTime - workerBefore).TotalSeconds),
                ("results", (results.ProcessorTime - resultsBefore).TotalSeconds),
            ],
        };
    }

    /// <summary>Each rate twice: over the whole run as run.json reports it (start-up included), and steady (see
    /// <see cref="PipelineRun.SteadyImagesPerSecond"/>).</summary>
    private static void Print(double raw, OneCoreCosts ceiling, PipelineRun small, PipelineRun? large, PipelineRun broker,
        (FolderSize Before, FolderSize After, FolderSize AfterGrace) disk, int smallCount, int largeCount)
    {
        static string Rate(PipelineRun run) => $"{run.ImagesPerSecond:F1} images/s (steady {run.SteadyImagesPerSecond:F1})";
        static string Ratio(PipelineRun over, PipelineRun under) =>
            $"{over.ImagesPerSecond / under.ImagesPerSecond:F2} (steady {over.SteadyImagesPerSecond / under.SteadyImagesPerSecond:F2})";

        Console.WriteLine();
        Console.WriteLine("| figure | value | target |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine($"| ONNX Runtime alone (batch {BatchSize}, tensors in memory, the better arrangement) | {raw:F1} images/s | |");
        Console.WriteLine($"| in-process pipeline, {smallCount} images | {Rate(small)} | |");
        Console.WriteLine($"| pipeline ÷ ONNX Runtime alone | {small.ImagesPerSecond / raw:P0} (steady {small.SteadyImagesPerSecond / raw:P0}) | ≥ 70 % |");
        Console.WriteLine($"| its ceiling: ONNX Runtime ÷ (ONNX Runtime + decode, resize, tensor, quality, thumbnail), one core | " +
            $"{ceiling.InferenceMs:F2} ÷ ({ceiling.InferenceMs:F2} + {ceiling.PreprocessingMs:F2}) ms = {ceiling.Ceiling:P0}: nothing else costing anything | |");
        Console.WriteLine($"| through RabbitMQ, 1 worker on all cores | {Rate(broker)} | |");
        Console.WriteLine($"| broker ÷ in-process | {Ratio(broker, small)} | ≥ 0.85× |");
        if (large is not null)
        {
            Console.WriteLine($"| in-process pipeline, {largeCount} images | {Rate(large)} | |");
            Console.WriteLine($"| {largeCount} ÷ {smallCount} images/s | {Ratio(large, small)} | 0.90–1.10 |");
            Console.WriteLine($"| images/s by tenth of the {largeCount}-image run | {string.Join(" · ", large.RatesByTenth.Select(r => r.ToString("F0", CultureInfo.InvariantCulture)))} | |");
            Console.WriteLine($"| peak RSS, {smallCount} → {largeCount} images | {small.PeakRssMiB:F0} → {large.PeakRssMiB:F0} MiB " +
                $"({large.PeakRssMiB / small.PeakRssMiB - 1:+0%;-0%}) | ± 20 % |");
        }
        else
            Console.WriteLine($"| peak RSS, {smallCount} images | {small.PeakRssMiB:F0} MiB | |");
        Console.WriteLine($"| processor time per image: in-process, {smallCount} images | {Cost(small)} | |");
        Console.WriteLine($"| processor time per image: through RabbitMQ | {Cost(broker)} | |");
        if (large is not null)
            Console.WriteLine($"| processor time per image: in-process, {largeCount} images | {Cost(large)} | |");
        Console.WriteLine($"| claim check: before, after the run, after the grace period | {disk.Before} → {disk.After} → {disk.AfterGrace} | back to before |");
        Console.WriteLine($"| mean queue lag (ingest → classification starts), {smallCount} images | {small.QueueLagSeconds:F2} s | |");
        Console.WriteLine($"| inbox drained after, in-process and through RabbitMQ, {smallCount} images | {small.Seconds.Ingest:F1} s of {small.Seconds.Total:F1} s; " +
            $"{broker.Seconds.Ingest:F1} s of {broker.Seconds.Total:F1} s | |");

        Console.WriteLine();
        Console.WriteLine($"Where the time goes ({smallCount} images in-process; stage time adds up work done on every core, not wall time)");
        Console.WriteLine("| stage | seconds | share | ms per image |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var (stage, seconds, share) in small.Stages)
            Console.WriteLine($"| {stage} | {seconds:F2} | {share:P1} | {seconds * 1000 / Math.Max(small.Published, 1):F2} |");
    }

    private static string Cost(PipelineRun run) => $"{run.ProcessorMsPerImage:F1} ms" + (run.Processor.Count > 1
        ? " (" + string.Join(", ", run.Processor.Select(p => $"{p.Process} {p.Seconds * 1000 / Math.Max(run.Published, 1):F1}")) + ")"
        : "");

    /// <summary>What one core of classifier worker gets through: capacity planning multiplies this by the cores.</summary>
    private static double PerWorkerCore(PipelineRun run) =>
        run.Processor.FirstOrDefault(p => p.Process == "worker") is { Seconds: > 0 } worker ? run.Published / worker.Seconds : 0;

    private static int Argument(string[] args, string name, int fallback) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
