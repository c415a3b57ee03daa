using SkiaSharp;

namespace Returns.Inference.Imaging;

/// <summary>A small JPEG preview made from pixels already decoded (and turned upright) for the model, so it costs a
/// resize and an encode, never a second decode: about 0.7 ms of one core. The WebP preview it replaced cost about 3.8 ms,
/// the largest stage of the pipeline, for files about 40 % smaller (docs/benchmarks.md, "Throughput").</summary>
public static class Thumbnail
{
    /// <summary>Enough to recognise a garment on a 192 px preview, a few kilobytes each.</summary>
    public const int Quality = 80;

    private static readonly SKSamplingOptions Bilinear = new(SKFilterMode.Linear, SKMipmapMode.None);

    private static readonly SKJpegEncoderOptions Jpeg = new(Quality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore);

    /// <summary>The photo shrunk (never enlarged) so its longest side is at most <paramref name="maxSide"/>, keeping its
    /// aspect ratio; null if the encoder fails.</summary>
    public static byte[]? Encode(SKBitmap upright, int maxSide)
    {
        var scale = Math.Min(1f, maxSide / (float)Math.Max(upright.Width, upright.Height));
        var (width, height) = (Math.Max(1, (int)MathF.Round(upright.Width * scale)), Math.Max(1, (int)MathF.Round(upright.Height * scale)));
        using var small = Shrink(upright, width, height);
        using var pixels = small.PeekPixels();
        using var jpeg = pixels.Encode(Jpeg);
        return jpeg?.ToArray();
    }

    /// <summary>Halves while the photo is over twice the target (bilinear at exactly one half averages each 2×2 block),
    /// then one bilinear step: an area average without aliasing, several times cheaper than building mipmaps.</summary>
    private static SKBitmap Shrink(SKBitmap source, int width, int height)
    {
        var current = source;
        while (current.Width >= 2 * width && current.Height >= 2 * height)
        {
            var half = Resize(current, current.Width / 2, current.Height / 2);
            if (current != source)
                current.Dispose();
            current = half;
        }
        // Transparent pixels become white, as they do for the model: JPEG has no alpha.
        var result = Resize(current, width, height, SKAlphaType.Opaque);
        if (current != source)
            current.Dispose();
        return result;
    }

    private static SKBitmap Resize(SKBitmap source, int width, int height, SKAlphaType alpha = SKAlphaType.Premul)
    {
        var target = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, alpha));
        using var canvas = new SKCanvas(target);
        canvas.Clear(SKColors.White);
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, new SKRect(0, 0, width, height), Bilinear);
        canvas.Flush();
        return target;
    }
}
