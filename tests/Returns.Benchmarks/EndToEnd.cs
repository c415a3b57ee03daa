using System.Text.Json;
using Returns.Testing;

namespace Returns.Benchmarks;

/// <summary>
/// End-to-end throughput on the same photos: the in-process pipeline, then 1 and 2 classifier workers through a
/// private RabbitMQ node. Each figure is images/s from the run's own clock (run.json), median of --repeats runs.
/// </summary>
public static class EndToEnd
{
    public static async Task RunAsync(string[] args)
    {
        var images = Argument("--images", 300);
        var repeats = Argument("--repeats", 3);
        var work = Directory.CreateTempSubdirectory("returns-bench-");
        var inbox = Inboxes.Variants(Path.Combine(work.FullName, "inbox"), images);
        Console.WriteLine($"{images} distinct photos, {repeats} runs each, {Environment.ProcessorCount} cores");

        var inProcess = Median(await Repeat(async i =>
        {
            var data = Path.Combine(work.FullName, $"embedded-{i}");
            using var run = ServiceProcess.Start("Cli", "returns", ["run", "--inbox", inbox, "--out", data, "--data", data], new Dictionary<string, string>(),
                Path.Combine(work.FullName, $"embedded-{i}.log"));
            await run.WaitForExitAsync(TimeSpan.FromMinutes(10));
            return ImagesPerSecond(data);
        }));
        Console.WriteLine($"in-process pipeline        {inProcess,7:F1} images/s");

        await using var node = await RabbitMqNode.StartAsync();
        var oneWorker = Median(await Repeat(i => ThroughBroker(node, workers: 1, i)));
        Console.WriteLine($"through broker, 1 worker   {oneWorker,7:F1} images/s");
        var twoWorkers = Median(await Repeat(i => ThroughBroker(node, workers: 2, i)));
        Console.WriteLine($"through broker, 2 workers  {twoWorkers,7:F1} images/s");
        Console.WriteLine($"through-broker (1 worker) ÷ in-process = {oneWorker / inProcess:F2}");
        Console.WriteLine($"2 workers ÷ 1 worker                   = {twoWorkers / oneWorker:F2}");
        work.Delete(recursive: true);

        async Task<double> ThroughBroker(RabbitMqNode broker, int workers, int attempt)
        {
            using var system = await DistributedSystem.CreateAsync(broker, $"bench-{workers}-{attempt}");
            system.StartResults();
            for (var w = 0; w < workers; w++)
                system.StartWorker($"worker-{w}");
            await system.WaitForConsumersAsync(workers);
            var (exit, output) = await system.RunAsync(inbox);
            if (exit != 0)
                throw new InvalidOperationException(output + system.Logs());
            return ImagesPerSecond(system.Output);
        }

        async Task<double[]> Repeat(Func<int, Task<double>> measure)
        {
            var results = new double[repeats];
            for (var i = 0; i < repeats; i++)
                results[i] = await measure(i);
            return results;
        }

        static double ImagesPerSecond(string output)
        {
            using var run = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "run.json")));
            return run.RootElement.GetProperty("imagesPerSecond").GetDouble();
        }

        static double Median(double[] values) => values.Order().ElementAt(values.Length / 2);

        int Argument(string name, int fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1]) : fallback;
        }

    }
}
