using System.Diagnostics;
using Returns.Inference;
using Returns.Models;
using Returns.Testing;

namespace Returns.Benchmarks;

/// <summary>ONNX Runtime alone on the production model: tensors already in memory, the pipeline's batch size, and its
/// arrangement of threads (<paramref name="streams"/> calls side by side on one session, each on
/// <paramref name="intraOpThreads"/> threads). The ceiling the pipeline is measured against.</summary>
public static class RawInference
{
    public static double ImagesPerSecond(int images, int batchSize, int streams, int intraOpThreads) =>
        ImagesPerSecond(ProductionModel.InRepository(), images, batchSize, streams, intraOpThreads);

    public static double ImagesPerSecond(ResolvedModel model, int images, int batchSize, int streams, int intraOpThreads)
    {
        var (card, path) = model;
        using var runner = OnnxModelRunner.Load(card, path, intraOpThreads);
        var preprocessor = new Returns.Inference.Imaging.ImagePreprocessor(card.Input);
        var tensors = new float[batchSize * card.Input.TensorLength];
        var photos = Inboxes.Unique(Directory.CreateTempSubdirectory("returns-raw-").FullName, batchSize);
        foreach (var (file, i) in Directory.GetFiles(photos.Directory).Select((f, i) => (f, i)))
            preprocessor.Preprocess(File.ReadAllBytes(file), tensors.AsSpan(i * card.Input.TensorLength, card.Input.TensorLength));
        Directory.Delete(photos.Directory, recursive: true);

        // Warm-up: the first runs allocate the session's buffers.
        Parallel.For(0, streams, new ParallelOptions { MaxDegreeOfParallelism = streams }, _ => runner.Run(tensors, batchSize, out _));
        var batchesPerStream = Math.Max(1, images / batchSize / streams);
        var clock = Stopwatch.StartNew();
        Parallel.For(0, streams, new ParallelOptions { MaxDegreeOfParallelism = streams }, _ =>
        {
            for (var b = 0; b < batchesPerStream; b++)
                runner.Run(tensors, batchSize, out _);
        });
        return streams * batchesPerStream * batchSize / clock.Elapsed.TotalSeconds;
    }
}
