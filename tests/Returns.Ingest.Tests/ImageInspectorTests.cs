using Microsoft.Extensions.Options;
using Returns.Contracts;
using Returns.Ingest;
using Returns.Images;
using Returns.Testing;
using SkiaSharp;

namespace Returns.Ingest.Tests;

public sealed class ImageInspectorTests
{
    private static ImageInspector Inspector(long maxBytes = 25 * 1024 * 1024) =>
        new(Options.Create(new ImageLimits { MaxBytes = maxBytes }));

    [Fact]
    public void A_real_photo_is_accepted_with_its_size_read_from_the_header()
    {
        var photo = File.ReadAllBytes(RepoPaths.SamplePhoto());
        using var bitmap = SKBitmap.Decode(photo);

        var inspection = Inspector().Inspect(photo);

        Assert.True(inspection.Accepted, inspection.Detail);
        Assert.Equal("image/jpeg", inspection.ContentType);
        Assert.Equal((bitmap.Width, bitmap.Height), (inspection.Width, inspection.Height));
    }

    [Fact]
    public void An_empty_file_is_rejected_as_empty() =>
        AssertRejected([], RejectionReasons.Empty);

    [Fact]
    public void A_file_over_the_byte_limit_is_rejected_as_too_large() =>
        AssertRejected(File.ReadAllBytes(RepoPaths.SamplePhoto()), RejectionReasons.TooLarge, Inspector(maxBytes: 1000));

    [Fact]
    public void Text_with_an_image_name_is_rejected_as_unsupported() =>
        AssertRejected(BadImages.TextWithImageName(), RejectionReasons.UnsupportedType);

    [Fact]
    public void A_gif_is_rejected_as_unsupported() =>
        AssertRejected(BadImages.Gif(), RejectionReasons.UnsupportedType);

    [Fact]
    public void Jpeg_magic_bytes_followed_by_garbage_are_rejected_as_a_corrupt_header() =>
        AssertRejected(BadImages.JpegMagicThenGarbage(), RejectionReasons.CorruptHeader);

    [Fact]
    public void An_image_smaller_than_the_minimum_side_is_rejected() =>
        AssertRejected(BadImages.Png(8, 8, SKColors.Red), RejectionReasons.TooSmall);

    [Fact]
    public void A_decompression_bomb_is_rejected_from_its_header_without_decoding_a_pixel()
    {
        var bomb = BadImages.DecompressionBomb(side: 60_000);
        Assert.True(bomb.Length < 2_000, "the bomb is small on disk");

        var before = GC.GetAllocatedBytesForCurrentThread();
        var inspection = Inspector().Inspect(bomb);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(RejectionReasons.TooManyPixels, inspection.RejectionReason);
        Assert.Contains("60000×60000", inspection.Detail);
        Assert.True(allocated < 1_000_000, $"inspecting allocated {allocated:N0} bytes; decoding would need 14 GB");
    }

    private static void AssertRejected(byte[] bytes, string reason, ImageInspector? inspector = null)
    {
        var inspection = (inspector ?? Inspector()).Inspect(bytes);
        Assert.False(inspection.Accepted);
        Assert.Equal(reason, inspection.RejectionReason);
        Assert.False(string.IsNullOrWhiteSpace(inspection.Detail));
    }
}
