using BenchmarkDotNet.Attributes;
using Returns.Inference;
using Returns.Models;
using Returns.Testing;

namespace Returns.Benchmarks;

/// <summary>Per batch: ONNX Runtime alone on a ready tensor, against the service's path (decode, preprocess, infer, rank).</summary>
[MemoryDiagnoser]
public class InferenceBenchmarks
{
    private ImageClassifier classifier = null!;
    private OnnxModelRunner runner = null!;
    private byte[][] photos = [];
    private float[] tensors = [];

    [Params(1, 4, 8, 16)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var (card, path) = ProductionModel.In(ModelsFolder.From(null));
        classifier = new ImageClassifier(card, path, intraOpThreads: 1);
        runner = new OnnxModelRunner(File.ReadAllBytes(path), card.Input.Name, card.OutputName, [3, card.Input.Height, card.Input.Width], 1);
        photos = Photos.Sample(BatchSize);
        tensors = new float[BatchSize * card.Input.TensorLength];
        for (var i = 0; i < BatchSize; i++)
            classifier.Preprocessor.Preprocess(photos[i], tensors.AsSpan(i * card.Input.TensorLength, card.Input.TensorLength));
    }

    [Benchmark(Baseline = true)]
    public int OnnxRuntimeOnly() => runner.Run(tensors, BatchSize, out _).Length;

    [Benchmark]
    public int ServicePath() => classifier.Classify(photos).Count;

    [GlobalCleanup]
    public void Cleanup()
    {
        classifier.Dispose();
        runner.Dispose();
    }
}
