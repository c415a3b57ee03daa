using SkiaSharp;

namespace Returns.Testing;

/// <summary>The kinds of bad photo the quality gate must catch, each made from a real photo.</summary>
public enum Degradation
{
    /// <summary>Brightness cut to 10–20 %, as an unlit shelf: structure and sensor noise remain.</summary>
    Dark,
    /// <summary>2.5–3.5 stops too much light, applied in linear light, so highlights clip as in a camera.</summary>
    Overexposed,
    /// <summary>Gaussian blur of 2.5–4 % of the short side at full resolution (camera shake, missed focus).</summary>
    Blurred,
    /// <summary>The most uniform lit window of the photo (a quarter of its short side across), enlarged to the full frame:
    /// the item missed the shot.</summary>
    BlankCrop,
    /// <summary>A featureless grey frame (lens against a wall or a box).</summary>
    GreyFrame,
}

/// <summary>
/// Realistic bad photos made at test time from real ones: each degradation works on the full-resolution pixels,
/// adds the sensor noise a real camera would leave, and is encoded as a JPEG like any upload. Seeded, so a given
/// photo and seed always give the same bytes.
/// </summary>
public static class DegradedPhotos
{
    public static readonly Degradation[] All = Enum.GetValues<Degradation>();

    public static byte[] Make(byte[] photo, Degradation degradation, int seed)
    {
        var random = new Random(seed);
        using var source = SKBitmap.Decode(photo) ?? throw new ArgumentException("not a decodable photo", nameof(photo));
        using var rgba = source.Copy(SKColorType.Rgba8888);
        using var degraded = degradation switch
        {
            Degradation.Dark => Mapped(rgba, Darken(Between(random, 0.10, 0.20))),
            Degradation.Overexposed => Mapped(rgba, Expose(Math.Pow(2, Between(random, 2.5, 3.5)))),
            Degradation.Blurred => Blur(rgba, (float)(Between(random, 0.025, 0.04) * Math.Min(rgba.Width, rgba.Height))),
            Degradation.BlankCrop => MostUniformWindow(rgba),
            Degradation.GreyFrame => Filled(rgba.Width, rgba.Height, (byte)random.Next(60, 200)),
            _ => throw new ArgumentOutOfRangeException(nameof(degradation)),
        };
        AddSensorNoise(degraded, seed);
        using var jpeg = degraded.Encode(SKEncodedImageFormat.Jpeg, 90);
        return jpeg.ToArray();
    }

    private static double Between(Random random, double low, double high) => low + random.NextDouble() * (high - low);

    private static byte[] Darken(double factor) =>
        Enumerable.Range(0, 256).Select(v => (byte)Math.Round(v * factor)).ToArray();

    /// <summary>More light in linear terms (sRGB approximated by gamma 2.2), clipped at white as a sensor clips.</summary>
    private static byte[] Expose(double gain) =>
        Enumerable.Range(0, 256).Select(v => (byte)Math.Round(255 * Math.Pow(Math.Min(1, Math.Pow(v / 255.0, 2.2) * gain), 1 / 2.2))).ToArray();

    private static SKBitmap Mapped(SKBitmap source, byte[] lut)
    {
        var target = source.Copy();
        var pixels = target.GetPixelSpan();
        for (var p = 0; p < pixels.Length; p += 4)
            (pixels[p], pixels[p + 1], pixels[p + 2]) = (lut[pixels[p]], lut[pixels[p + 1]], lut[pixels[p + 2]]);
        return target;
    }

    private static SKBitmap Blur(SKBitmap source, float sigma)
    {
        var target = new SKBitmap(source.Info);
        using var canvas = new SKCanvas(target);
        using var paint = new SKPaint();
        paint.ImageFilter = SKImageFilter.CreateBlur(sigma, sigma, SKShaderTileMode.Clamp);
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, 0, 0, SKSamplingOptions.Default, paint);
        canvas.Flush();
        return target;
    }

    /// <summary>Searches a grid of windows a quarter of the short side across for the one with the least luminance
    /// spread, and enlarges it to the photo's size. Lit windows (mean brightness 60 or more) come first: the camera
    /// pointed at the table or backdrop, not into a shadow, which would be a dark photo rather than a blank one.</summary>
    private static SKBitmap MostUniformWindow(SKBitmap source)
    {
        var side = Math.Min(source.Width, source.Height) / 4;
        var step = Math.Max(1, side / 4);
        var best = (Dark: true, Spread: double.MaxValue, X: 0, Y: 0);
        for (var y = 0; y + side <= source.Height; y += step)
            for (var x = 0; x + side <= source.Width; x += step)
            {
                var (mean, spread) = Luminance(source, x, y, side);
                var dark = mean < 60;
                if ((!dark && best.Dark) || (dark == best.Dark && spread < best.Spread))
                    best = (dark, spread, x, y);
            }

        var target = new SKBitmap(source.Info);
        using var canvas = new SKCanvas(target);
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, SKRect.Create(best.X, best.Y, side, side), SKRect.Create(0, 0, target.Width, target.Height),
            new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None));
        canvas.Flush();
        return target;
    }

    private static (double Mean, double Spread) Luminance(SKBitmap bitmap, int left, int top, int side)
    {
        ReadOnlySpan<byte> pixels = bitmap.GetPixelSpan();
        var width = bitmap.Width;
        double sum = 0, squares = 0;
        var count = 0;
        for (var y = top; y < top + side; y += 2)
            for (var x = left; x < left + side; x += 2)
            {
                var p = (y * width + x) * 4;
                double luminance = 0.299 * pixels[p] + 0.587 * pixels[p + 1] + 0.114 * pixels[p + 2];
                sum += luminance;
                squares += luminance * luminance;
                count++;
            }
        var mean = sum / count;
        return (mean, squares / count - mean * mean);
    }

    private static SKBitmap Filled(int width, int height, byte grey)
    {
        var target = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        target.Erase(new SKColor(grey, grey, grey));
        return target;
    }

    /// <summary>Adds Gaussian noise of standard deviation 2 levels per channel, drawn from a fixed table by a xorshift
    /// generator: a million draws per photo from <see cref="Random"/> would cost more than the rest of the degradation.</summary>
    private static void AddSensorNoise(SKBitmap bitmap, int seed)
    {
        var pixels = bitmap.GetPixelSpan();
        var state = (uint)seed * 2654435761u | 1;
        for (var p = 0; p < pixels.Length; p += 4)
            for (var c = 0; c < 3; c++)
            {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                pixels[p + c] = (byte)Math.Clamp(pixels[p + c] + Noise[state & (Noise.Length - 1)], 0, 255);
            }
    }

    private static readonly sbyte[] Noise = GaussianTable(sigma: 2.0, new Random(20261123));

    private static sbyte[] GaussianTable(double sigma, Random random) => Enumerable.Range(0, 4096)
        .Select(_ => (sbyte)Math.Round(sigma * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())))
        .ToArray();
}
