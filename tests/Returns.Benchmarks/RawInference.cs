using System.Diagnostics;
using Returns.Inference;
using Returns.Models;
using Returns.Testing;

namespace Returns.Benchmarks;

/// <summary>ONNX Runtime alone on the production model: tensors already in memory, the pipeline's batch size and
/// intra-op threads. The ceiling the pipeline is measured against.</summary>
public static class RawInference
{
    public static double ImagesPerSecond(int images, int batchSize, int intraOpThreads)
    {
        var (card, path) = new ModelsFolder(RepoPaths.Models).ResolveProduction();
        using var runner = OnnxModelRunner.Load(card, path, intraOpThreads);
        var preprocessor = new Returns.Inference.Imaging.ImagePreprocessor(card.Input);
        var tensors = new float[batchSize * card.Input.TensorLength];
        var photos = Inboxes.Unique(Directory.CreateTempSubdirectory("returns-raw-").FullName, batchSize);
        foreach (var (file, i) in Directory.GetFiles(photos.Directory).Select((f, i) => (f, i)))
            preprocessor.Preprocess(File.ReadAllBytes(file), tensors.AsSpan(i * card.Input.TensorLength, card.Input.TensorLength));
        Directory.Delete(photos.Directory, recursive: true);

        runner.Run(tensors, batchSize, out _); // warm-up: the first run allocates the session's buffers
        var batches = Math.Max(1, images / batchSize);
        var clock = Stopwatch.StartNew();
        for (var b = 0; b < batches; b++)
            runner.Run(tensors, batchSize, out _);
        return batches * batchSize / clock.Elapsed.TotalSeconds;
    }
}
