using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Returns.Benchmarks;

// dotnet run -c Release --project tests/Returns.Benchmarks -- [--images 1000] [--large 10000]  throughput: raw ONNX Runtime, in-process, broker
// dotnet run -c Release --project tests/Returns.Benchmarks -- --broker-only [--images 1000]      just the broker path
// dotnet run -c Release --project tests/Returns.Benchmarks -- micro [BenchmarkDotNet options]  decode, preprocessing, inference
// dotnet run -c Release --project tests/Returns.Benchmarks -- models [--images 640]                 ms per image of every version
// dotnet run -c Release --project tests/Returns.Benchmarks -- million [--sizes 100000,1000000] [--keep dir] [--reuse] [--pages-only]  report compile and console pages at scale
// dotnet run -c Release --project tests/Returns.Benchmarks -- quality [--split train] [--dataset dir]  photo-quality thresholds
if (args.FirstOrDefault() == "million")
{
    await Returns.Benchmarks.Million.MillionOutcomes.RunAsync(args[1..]);
}
else if (args.FirstOrDefault() == "models")
{
    ModelCosts.Run(args[1..]);
}
else if (args.FirstOrDefault() == "quality")
{
    QualityThresholds.Run(args[1..]);
}
else if (args.FirstOrDefault() == "micro")
{
    var config = DefaultConfig.Instance.AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args[1..], config);
}
else
{
    await Throughput.RunAsync(args);
}
