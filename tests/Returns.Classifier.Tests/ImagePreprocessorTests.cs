using Returns.Models;
using Returns.Inference.Imaging;
using Returns.Contracts;
using Returns.Testing;
using SkiaSharp;

namespace Returns.Classifier.Tests;

public sealed class ImagePreprocessorTests
{
    private static readonly ModelInputSpec Spec = new() { Width = 288, Height = 288 };
    private readonly ImagePreprocessor preprocessor = new(Spec);

    [Fact]
    public void A_large_jpeg_is_decoded_at_a_reduced_scale_that_still_covers_the_input()
    {
        using var bitmap = new SKBitmap(1600, 1200);
        bitmap.Erase(SKColors.SteelBlue);
        using var jpeg = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        using var codec = SKCodec.Create(jpeg);

        var size = preprocessor.ScaledDecodeSize(codec);

        Assert.True(size.Width < 1600 && size.Height < 1200, $"decoded at {size}, the full size");
        Assert.True(size.Width >= Spec.Width && size.Height >= Spec.Height, $"decoded at {size}, smaller than the input");
    }

    [Fact]
    public void A_truncated_photo_is_reported_as_truncated()
    {
        var truncated = BadImages.Truncated(File.ReadAllBytes(RepoPaths.SamplePhoto()));

        var result = preprocessor.Preprocess(truncated, new float[Spec.TensorLength]);

        Assert.False(result.Succeeded);
        Assert.Equal(RejectionReasons.Truncated, result.Reason);
    }

    [Fact]
    public void Bytes_that_are_no_image_are_reported_as_undecodable()
    {
        var result = preprocessor.Preprocess(BadImages.TextWithImageName(), new float[Spec.TensorLength]);

        Assert.False(result.Succeeded);
        Assert.Equal(RejectionReasons.Undecodable, result.Reason);
    }

    [Fact]
    public void Transparent_pixels_become_white_and_are_normalised_per_channel()
    {
        var tensor = new float[Spec.TensorLength];

        Assert.True(preprocessor.Preprocess(BadImages.Png(64, 64, SKColors.Transparent), tensor).Succeeded);

        var plane = Spec.Width * Spec.Height;
        for (var c = 0; c < 3; c++)
        {
            var white = (1f - Spec.Mean[c]) / Spec.Std[c];
            Assert.All(tensor.AsSpan(c * plane, plane).ToArray(), v => Assert.Equal(white, v, 1e-5f));
        }
    }

    [Fact]
    public void Channels_are_written_in_rgb_order()
    {
        var tensor = new float[Spec.TensorLength];

        Assert.True(preprocessor.Preprocess(BadImages.Png(64, 64, new SKColor(255, 0, 0)), tensor).Succeeded);

        var plane = Spec.Width * Spec.Height;
        Assert.Equal((1f - Spec.Mean[0]) / Spec.Std[0], tensor[plane / 2], 1e-5f);
        Assert.Equal(-Spec.Mean[1] / Spec.Std[1], tensor[plane + plane / 2], 1e-5f);
        Assert.Equal(-Spec.Mean[2] / Spec.Std[2], tensor[2 * plane + plane / 2], 1e-5f);
    }
}
