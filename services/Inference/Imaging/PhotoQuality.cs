using System.Buffers;
using System.Globalization;
using Returns.Contracts;

namespace Returns.Inference.Imaging;

/// <summary>What the quality gate looks at, on a 0–255 luminance scale.</summary>
/// <param name="Brightness">Mean luminance.</param>
/// <param name="CentreClipped">Share of the centre (the middle three quarters each way, where the item is) at 250 or over:
/// blown out to white. The edges are left out so that a white backdrop does not count as overexposure.</param>
/// <param name="Contrast">Standard deviation of luminance: near 0 when nothing is in the frame.</param>
/// <param name="Sharpness">RMS of the Laplacian divided by <paramref name="Contrast"/>: fine detail relative to the
/// photo's contrast, so a sharp photo of a pale item is not taken for a blurred one.</param>
public readonly record struct PhotoMeasures(float Brightness, float CentreClipped, float Contrast, float Sharpness);

/// <summary>
/// Measures a photo on the pixels already prepared for the model, shrunk by area averaging to a fixed
/// <see cref="Side"/>² grayscale, so the figures (and thresholds chosen on them) do not depend on the model's input size.
/// </summary>
public static class PhotoQuality
{
    public const int Side = 96;
    private const byte Clipped = 250;

    public static PhotoMeasures Measure(ReadOnlySpan<byte> rgba, int width, int height)
    {
        var gray = ArrayPool<float>.Shared.Rent(Side * Side);
        try
        {
            Shrink(rgba, width, height, gray);
            return Measure(gray.AsSpan(0, Side * Side));
        }
        finally
        {
            ArrayPool<float>.Shared.Return(gray);
        }
    }

    /// <summary>The first limit a photo fails, in the order a person would fix them: light first, then framing, then focus.
    /// A dark or blown-out photo also looks flat and soft, so exposure must be judged before contrast and sharpness.</summary>
    public static Retake? Judge(PhotoMeasures m, PhotoQualityOptions limits)
    {
        if (!limits.Enabled)
            return null;
        if (m.Brightness < limits.MinBrightness)
            return new Retake(RetakeReasons.TooDark, $"mean brightness {F(m.Brightness, "0.0")}/255, below {F(limits.MinBrightness, "0.##")}");
        if (m.CentreClipped > limits.MaxCentreClipped)
            return new Retake(RetakeReasons.Overexposed,
                $"{F(m.CentreClipped * 100, "0.0")} % of the centre is blown out to white, over {F(limits.MaxCentreClipped * 100, "0.##")} %");
        if (m.Contrast < limits.MinContrast)
            return new Retake(RetakeReasons.Blank,
                $"brightness varies by only {F(m.Contrast, "0.0")}/255 (standard deviation), below {F(limits.MinContrast, "0.##")}: nothing in the frame");
        if (m.Sharpness < limits.MinSharpness)
            return new Retake(RetakeReasons.Blurred,
                $"sharpness {F(m.Sharpness, "0.000")} (fine detail relative to contrast), below {F(limits.MinSharpness, "0.###")}");
        return null;
    }

    /// <summary>Area average: each output pixel is the mean luminance (BT.601) of the input block it covers.</summary>
    private static void Shrink(ReadOnlySpan<byte> rgba, int width, int height, Span<float> gray)
    {
        for (var ty = 0; ty < Side; ty++)
        {
            var (y0, y1) = Block(ty, height);
            for (var tx = 0; tx < Side; tx++)
            {
                var (x0, x1) = Block(tx, width);
                var sum = 0f;
                for (var y = y0; y < y1; y++)
                {
                    var row = rgba.Slice((y * width + x0) * 4, (x1 - x0) * 4);
                    for (var p = 0; p < row.Length; p += 4)
                        sum += 0.299f * row[p] + 0.587f * row[p + 1] + 0.114f * row[p + 2];
                }
                gray[ty * Side + tx] = sum / ((y1 - y0) * (x1 - x0));
            }
        }
    }

    private static (int From, int To) Block(int index, int length)
    {
        var from = index * length / Side;
        return (Math.Min(from, length - 1), Math.Max((index + 1) * length / Side, from + 1));
    }

    private static PhotoMeasures Measure(ReadOnlySpan<float> gray)
    {
        double sum = 0, squares = 0;
        foreach (var v in gray)
        {
            sum += v;
            squares += v * v;
        }
        var mean = sum / gray.Length;
        var contrast = Math.Sqrt(Math.Max(0, squares / gray.Length - mean * mean));

        const int margin = Side / 8;
        var clipped = 0;
        for (var y = margin; y < Side - margin; y++)
            foreach (var v in gray.Slice(y * Side + margin, Side - 2 * margin))
                if (v >= Clipped)
                    clipped++;

        double lapSum = 0, lapSquares = 0;
        for (var y = 1; y < Side - 1; y++)
            for (var x = 1; x < Side - 1; x++)
            {
                var i = y * Side + x;
                double laplacian = 4 * gray[i] - gray[i - 1] - gray[i + 1] - gray[i - Side] - gray[i + Side];
                lapSum += laplacian;
                lapSquares += laplacian * laplacian;
            }
        const int interior = (Side - 2) * (Side - 2);
        var lapMean = lapSum / interior;
        var lapRms = Math.Sqrt(Math.Max(0, lapSquares / interior - lapMean * lapMean));

        return new PhotoMeasures((float)mean, clipped / (float)((Side - 2 * margin) * (Side - 2 * margin)), (float)contrast,
            (float)(lapRms / Math.Max(contrast, 1)));
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
