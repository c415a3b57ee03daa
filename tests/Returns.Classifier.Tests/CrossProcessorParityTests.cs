using System.Text.Json;
using Returns.Contracts;
using Returns.Inference;
using Returns.Inference.Imaging;
using Returns.Models;
using Returns.Testing;

namespace Returns.Classifier.Tests;

/// <summary>
/// The same model file must give the same probabilities on every x86-64 processor. ONNX Runtime picks its kernels by
/// the processor's instruction sets, so the check scores the sample inbox's parity photos twice through ONNX Runtime's
/// C library: on this processor, and under qemu as an AVX2 processor without AVX-512 or VNNI.
/// </summary>
public sealed class CrossProcessorParityTests(ModelFixture model) : IClassFixture<ModelFixture>, IDisposable
{
    private const float Tolerance = 1e-4f;
    private readonly EmulatedProcessor? processor = EmulatedProcessor.SkipReason is null ? EmulatedProcessor.Build() : null;

    [Fact]
    public void The_production_model_computes_the_same_probabilities_without_AVX512_or_VNNI()
    {
        var card = model.Classifier.Card;
        var (native, emulated) = ScoreBothWays(card, Path.Combine(model.VersionDirectory, card.File), ParityPhotos(model.VersionDirectory));

        Assert.Null(card.Requires);
        var largest = LargestDifference(native, emulated);
        TestContext.Current.TestOutputHelper?.WriteLine($"{card.Version}: largest difference {largest:E2} between this processor and {EmulatedProcessor.Emulated}");
        Assert.True(largest <= Tolerance, $"{card.Version} differs by {largest} on {EmulatedProcessor.Emulated} from {ProcessorFeatures.Current}");
    }

    /// <summary>v1 and v2 keep the model zoo's int8 convolutions (u8 activations, s8 weights): without VNNI, ONNX
    /// Runtime sums their products in 16 bits (vpmaddubsw), which saturate. Their cards must say so, and it must be true.</summary>
    [Fact]
    public void The_int8_versions_say_they_need_VNNI_and_compute_other_probabilities_without_it()
    {
        var models = ModelsFolder.From(null);
        var int8 = models.Versions().Select(models.Resolve).Where(r => r.Card.Requires is not null).ToArray();
        Assert.NotEmpty(int8);
        foreach (var version in int8)
        {
            Assert.Contains("avx512_vnni", version.Card.Requires!.AnyOf);
            var directory = Path.GetDirectoryName(version.ModelPath)!;
            var (native, emulated) = ScoreBothWays(version.Card, version.ModelPath, ParityPhotos(directory).Take(3).ToArray());
            var largest = LargestDifference(native, emulated);
            TestContext.Current.TestOutputHelper?.WriteLine($"{version.Card.Version}: largest difference {largest:F4} on {EmulatedProcessor.Emulated}");
            if (ProcessorFeatures.Current.HasAny(version.Card.Requires.AnyOf))
                Assert.True(largest > 1e-3, $"{version.Card.Version} gives the same probabilities without VNNI: its requirement is not needed");
            else
                Assert.True(largest <= Tolerance, "neither this processor nor the emulated one has VNNI: they should agree");
        }
    }

    private (float[][] Native, float[][] Emulated) ScoreBothWays(ModelCard card, string modelPath, string[] photos)
    {
        TestContext.Current.TestOutputHelper?.WriteLine($"this processor: {ProcessorFeatures.Current}; emulated: {EmulatedProcessor.Emulated} (AVX2, FMA; no AVX-512, no VNNI)");
        if (processor is null)
            Assert.Skip(EmulatedProcessor.SkipReason!);
        var preprocessor = new ImagePreprocessor(card.Input);
        var tensor = new float[photos.Length * card.Input.TensorLength];
        for (var i = 0; i < photos.Length; i++)
            Assert.True(preprocessor.Preprocess(File.ReadAllBytes(photos[i]), tensor.AsSpan(i * card.Input.TensorLength, card.Input.TensorLength)).Succeeded);
        int[] shape = [photos.Length, 3, card.Input.Height, card.Input.Width];
        return (processor.RunNative(modelPath, card.Input.Name, card.OutputName, tensor, shape),
            processor.RunEmulated(modelPath, card.Input.Name, card.OutputName, tensor, shape));
    }

    private static float LargestDifference(float[][] a, float[][] b) =>
        a.Zip(b, (x, y) => x.Zip(y, (p, q) => Math.Abs(p - q)).Max()).Max();

    /// <summary>The sample inbox's copies of the photos in a version's parity.json, one per class.</summary>
    private static string[] ParityPhotos(string versionDirectory)
    {
        var wanted = JsonSerializer.Deserialize<JsonElement[]>(File.ReadAllText(Path.Combine(versionDirectory, "parity.json")))!
            .Select(e => e.GetProperty("sha256").GetString()!).ToHashSet(StringComparer.Ordinal);
        var photos = Directory.GetFiles(RepoPaths.SampleInbox).Order(StringComparer.Ordinal)
            .Where(f => wanted.Remove(ImageId.Of(File.ReadAllBytes(f)))).ToArray();
        Assert.True(photos.Length >= 3, $"only {photos.Length} parity photos are in the sample inbox");
        return photos;
    }

    public void Dispose() => processor?.Dispose();
}
