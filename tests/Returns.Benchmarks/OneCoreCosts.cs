using System.Diagnostics;
using Returns.Inference.Imaging;
using Returns.Models;
using Returns.Testing;

namespace Returns.Benchmarks;

/// <summary>What one image costs on one core: ONNX Runtime alone, and the preprocessing the classifier does before it
/// (decode, resize, tensor, quality measures, thumbnail). Their ratio is the most the pipeline can reach of raw ONNX
/// Runtime even if ingest, messaging and storage cost nothing.</summary>
public sealed record OneCoreCosts(double InferenceMs, double PreprocessingMs)
{
    public double Ceiling => InferenceMs / (InferenceMs + PreprocessingMs);

    /// <param name="inbox">The night's photos; the first 500 are preprocessed.</param>
    public static OneCoreCosts Measure(string inbox, int images, int batchSize, int thumbnailSide)
    {
        var inference = 1000 / RawInference.ImagesPerSecond(images, batchSize, streams: 1, intraOpThreads: 1);
        var preprocessor = new ImagePreprocessor(ProductionModel.InRepository().Card.Input);
        var photos = Directory.GetFiles(inbox).Order(StringComparer.Ordinal).Take(500).Select(File.ReadAllBytes).ToArray();
        var tensor = new float[preprocessor.Spec.TensorLength];
        foreach (var photo in photos.Take(20))
            preprocessor.Preprocess(photo, tensor, thumbnailSide); // warm-up: JIT and Skia's first calls
        var clock = Stopwatch.StartNew();
        foreach (var photo in photos)
            preprocessor.Preprocess(photo, tensor, thumbnailSide);
        return new OneCoreCosts(inference, clock.Elapsed.TotalMilliseconds / photos.Length);
    }
}
