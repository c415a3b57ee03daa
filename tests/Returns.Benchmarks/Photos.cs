using Returns.Testing;
using SkiaSharp;

namespace Returns.Benchmarks;

public static class Photos
{
    /// <summary>A sample photo enlarged to 1600×1200, the size of a warehouse camera's picture.</summary>
    public static byte[] Large()
    {
        using var photo = SKBitmap.Decode(RepoPaths.SamplePhoto(0));
        using var large = photo.Resize(new SKImageInfo(1600, 1200), new SKSamplingOptions(SKFilterMode.Linear));
        using var jpeg = large.Encode(SKEncodedImageFormat.Jpeg, 90);
        return jpeg.ToArray();
    }

    public static byte[][] Sample(int count) => Enumerable.Range(0, count).Select(i => File.ReadAllBytes(RepoPaths.SamplePhoto(i % 30))).ToArray();
}
