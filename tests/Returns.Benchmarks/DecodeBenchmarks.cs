using BenchmarkDotNet.Attributes;
using Returns.Inference.Imaging;
using Returns.Inference;
using Returns.Models;
using SkiaSharp;
using Returns.Testing;

namespace Returns.Benchmarks;

/// <summary>Decoding a 1600×1200 JPEG: every pixel, or at the reduced scale the model needs; the whole preprocessing, without
/// and with the 192 px WebP thumbnail made from the same decode; and the photo-quality measures taken on the model-size
/// pixels (part of the preprocessing).</summary>
[MemoryDiagnoser]
public class DecodeBenchmarks
{
    private byte[] photo = [];
    private ImagePreprocessor preprocessor = null!;
    private readonly float[] tensor = new float[3 * 288 * 288];
    private byte[] modelSizePixels = [];

    [GlobalSetup]
    public void Setup()
    {
        photo = Photos.Large();
        preprocessor = new ImagePreprocessor(ProductionModel.In(ModelsFolder.From(null)).Card.Input);
        using var bitmap = SKBitmap.Decode(photo).Resize(new SKImageInfo(preprocessor.Spec.Width, preprocessor.Spec.Height,
            SKColorType.Rgba8888, SKAlphaType.Premul), new SKSamplingOptions(SKFilterMode.Linear));
        modelSizePixels = bitmap.GetPixelSpan().ToArray();
        Console.WriteLine($"// thumbnail of the 1600×1200 photo: {preprocessor.Preprocess(photo, tensor, thumbnailSide: 192).Thumbnail!.Length} bytes");
    }

    [Benchmark(Baseline = true)]
    public int FullDecode()
    {
        using var bitmap = SKBitmap.Decode(photo);
        return bitmap.Width;
    }

    [Benchmark]
    public int ScaledDecode()
    {
        using var codec = SKCodec.Create(new MemoryStream(photo));
        var size = preprocessor.Spec.Width / (float)codec.Info.Width;
        var scaled = codec.GetScaledDimensions(Math.Max(size, preprocessor.Spec.Height / (float)codec.Info.Height));
        using var bitmap = new SKBitmap(new SKImageInfo(scaled.Width, scaled.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        codec.GetPixels(bitmap.Info, bitmap.GetPixels());
        return bitmap.Width;
    }

    [Benchmark]
    public bool Preprocess() => preprocessor.Preprocess(photo, tensor).Succeeded;

    /// <summary>The classifier's default path (Classifier:Thumbnails); the difference from <see cref="Preprocess"/> is
    /// the thumbnail's cost.</summary>
    [Benchmark]
    public int PreprocessWithThumbnail() => preprocessor.Preprocess(photo, tensor, thumbnailSide: 192).Thumbnail!.Length;

    [Benchmark]
    public float MeasureQuality() => PhotoQuality.Measure(modelSizePixels, preprocessor.Spec.Width, preprocessor.Spec.Height).Sharpness;
}
