using Returns.Inference.Imaging;
using Returns.Models;
using SkiaSharp;

namespace Returns.Classifier.Tests;

/// <summary>The decoded pixels in flight across concurrent decodes stay within the budget: PNGs, which cannot be decoded at
/// reduced scale, counted as they are reserved, not timed.</summary>
public sealed class DecodeBudgetTests
{
    private const int Side = 2000; // 4 megapixels decoded, whatever the model input
    private static readonly ModelInputSpec Spec = new() { Width = 224, Height = 224 };

    [Fact]
    public void Eight_large_pngs_decoded_side_by_side_never_hold_more_pixels_than_the_budget_and_all_of_them_decode()
    {
        var png = Png(Side);
        var budget = new DecodeBudget(10_000_000); // two of them at a time
        var preprocessor = new ImagePreprocessor(Spec, budget);
        var results = new DecodeResult[8];

        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = results.Length },
            i => results[i] = preprocessor.Preprocess(png, new float[Spec.TensorLength]));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Detail));
        Assert.InRange(budget.PeakPixels, (long)Side * Side, budget.MaxPixels);
    }

    [Fact]
    public void An_image_larger_than_the_whole_budget_is_still_decoded_alone()
    {
        var budget = new DecodeBudget(1_000_000);
        var preprocessor = new ImagePreprocessor(Spec, budget);

        var result = preprocessor.Preprocess(Png(Side), new float[Spec.TensorLength]);

        Assert.True(result.Succeeded, result.Detail);
        Assert.Equal((long)Side * Side, budget.PeakPixels);
    }

    [Fact]
    public void The_shared_budget_holds_the_largest_image_the_limits_allow()
    {
        Assert.True(DecodeBudget.Shared.MaxPixels >= new Returns.Images.ImageLimits().MaxPixels);
    }

    private static byte[] Png(int side)
    {
        using var bitmap = new SKBitmap(side, side);
        bitmap.Erase(SKColors.SteelBlue);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
