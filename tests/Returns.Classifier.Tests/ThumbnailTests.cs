using Returns.Inference.Imaging;
using Returns.Inference;
using Returns.Models;
using Returns.Testing;
using SkiaSharp;

namespace Returns.Classifier.Tests;

/// <summary>The JPEG preview made from the model's decode: small, upright, never enlarged, its aspect ratio kept.</summary>
public sealed class ThumbnailTests
{
    private readonly ImagePreprocessor preprocessor = new(ProductionModel.In(ModelsFolder.From(null)).Card.Input);

    [Fact]
    public void Every_sample_photo_gets_a_jpeg_preview_of_at_most_192_px_with_its_aspect_ratio()
    {
        var sizes = new List<int>();
        for (var i = 0; i < 30; i++)
        {
            var photo = File.ReadAllBytes(RepoPaths.SamplePhoto(i));
            using var original = SKCodec.Create(new MemoryStream(photo));

            var result = preprocessor.Preprocess(photo, new float[preprocessor.Spec.TensorLength], thumbnailSide: 192);

            using var thumbnail = Decode(result.Thumbnail);
            Assert.Equal(192, Math.Max(thumbnail.Width, thumbnail.Height));
            var aspect = original.Info.Width / (double)original.Info.Height;
            Assert.InRange(thumbnail.Width / (double)thumbnail.Height, aspect * 0.98, aspect * 1.02);
            sizes.Add(result.Thumbnail!.Length);
        }
        Assert.All(sizes, size => Assert.InRange(size, 1, 64 * 1024));
        TestContext.Current.TestOutputHelper?.WriteLine($"thumbnail bytes over 30 sample photos: mean {sizes.Average():F0}, min {sizes.Min()}, max {sizes.Max()}");
    }

    [Fact]
    public void A_phone_photo_taken_sideways_gets_an_upright_preview()
    {
        var sideways = WithExifOrientation(TwoColourJpeg(300, 200), orientation: 6); // stored landscape, shown rotated 90° clockwise

        var result = preprocessor.Preprocess(sideways, new float[preprocessor.Spec.TensorLength], thumbnailSide: 192);

        using var thumbnail = Decode(result.Thumbnail);
        Assert.Equal((128, 192), (thumbnail.Width, thumbnail.Height));
        Assert.True(thumbnail.GetPixel(64, 10).Red > 200, "the stored photo's left (red) half should be on top");
        Assert.True(thumbnail.GetPixel(64, 180).Blue > 200, "the stored photo's right (blue) half should be below");
    }

    [Fact]
    public void A_small_photo_is_not_enlarged_and_no_preview_is_made_unless_asked_for()
    {
        var small = TwoColourJpeg(120, 90);

        var result = preprocessor.Preprocess(small, new float[preprocessor.Spec.TensorLength], thumbnailSide: 192);
        var without = preprocessor.Preprocess(small, new float[preprocessor.Spec.TensorLength]);

        using var thumbnail = Decode(result.Thumbnail);
        Assert.Equal((120, 90), (thumbnail.Width, thumbnail.Height));
        Assert.Null(without.Thumbnail);
    }

    /// <summary>Checks the JPEG start-of-image marker, then decodes.</summary>
    public static SKBitmap Decode(byte[]? jpeg)
    {
        Assert.NotNull(jpeg);
        Assert.True(jpeg.Length > 3 && jpeg[0] == 0xFF && jpeg[1] == 0xD8 && jpeg[2] == 0xFF, "not a JPEG file");
        return SKBitmap.Decode(jpeg);
    }

    private static byte[] TwoColourJpeg(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Blue);
            using var red = new SKPaint { Color = SKColors.Red };
            canvas.DrawRect(0, 0, width / 2f, height, red);
        }
        using var jpeg = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        return jpeg.ToArray();
    }

    /// <summary>Inserts an APP1 Exif segment holding only the orientation tag (0x0112) right after the JPEG's SOI marker.</summary>
    private static byte[] WithExifOrientation(byte[] jpeg, byte orientation)
    {
        byte[] app1 =
        [
            0xFF, 0xE1, 0x00, 0x22, (byte)'E', (byte)'x', (byte)'i', (byte)'f', 0, 0,
            (byte)'I', (byte)'I', 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00, // little-endian TIFF header, IFD0 at offset 8
            0x01, 0x00, 0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, orientation, 0x00, 0x00, 0x00, // one entry: orientation, SHORT
            0x00, 0x00, 0x00, 0x00, // no next IFD
        ];
        return [.. jpeg.AsSpan(0, 2), .. app1, .. jpeg.AsSpan(2)];
    }
}
