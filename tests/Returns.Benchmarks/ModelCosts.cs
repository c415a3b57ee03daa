using Returns.Inference;
using Returns.Models;
using Returns.Testing;

namespace Returns.Benchmarks;

/// <summary>What each version costs to serve here: ms per image through ONNX Runtime alone, batches of 16 on every core
/// (one call at a time), best of three rounds, on the processor printed first.</summary>
public static class ModelCosts
{
    private const int BatchSize = 16;

    public static void Run(string[] args)
    {
        var images = args.Length >= 2 && args[0] == "--images" ? int.Parse(args[1]) : 640;
        var cores = Environment.ProcessorCount;
        Console.WriteLine($"processor: {ProcessorFeatures.Current}; {cores} cores; batch {BatchSize}, {images} images a round");
        var models = new ModelsFolder(RepoPaths.Models);
        foreach (var version in models.Versions())
        {
            var model = models.Resolve(version);
            var best = Enumerable.Range(0, 3).Max(_ => RawInference.ImagesPerSecond(model, images, BatchSize, 1, cores));
            var needs = model.Card.Requires is { } r ? $"needs {string.Join(" or ", r.AnyOf)}" : "any x86-64";
            Console.WriteLine($"{version,-26} {model.Card.Input.Width}x{model.Card.Input.Height}  {1000 / best,6:F1} ms per image  " +
                $"({best:F0} images/s)  {needs}");
        }
    }
}
