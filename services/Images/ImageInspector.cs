using Microsoft.Extensions.Options;
using Returns.Contracts;
using SkiaSharp;

namespace Returns.Images;

/// <summary>Checks type, byte size and pixel dimensions from the header only; no pixel is decoded here.</summary>
public sealed class ImageInspector(IOptions<ImageLimits> options)
{
    private readonly ImageLimits limits = options.Value;

    public long MaxBytes => limits.MaxBytes;

    public Inspection InspectSize(long byteSize) => byteSize switch
    {
        0 => Inspection.Reject(RejectionReasons.Empty, "the file is empty"),
        _ when byteSize > limits.MaxBytes => Inspection.Reject(RejectionReasons.TooLarge,
            $"{byteSize:N0} bytes is over the {limits.MaxBytes:N0}-byte limit"),
        _ => Inspection.Accept("", 0, 0),
    };

    public Inspection Inspect(byte[] bytes) => Inspect(new MemoryStream(bytes, writable: false), bytes.LongLength);

    /// <summary>Inspects a seekable stream of <paramref name="byteSize"/> bytes; reads its header only, and disposes it.</summary>
    public Inspection Inspect(Stream image, long byteSize)
    {
        using var owned = image;
        var size = InspectSize(byteSize);
        if (!size.Accepted)
            return size;

        Span<byte> head = stackalloc byte[16];
        var read = image.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        image.Position = 0;
        var contentType = ImageFormats.Sniff(head[..read]);
        if (contentType is null)
            return Inspection.Reject(RejectionReasons.UnsupportedType, "not a JPEG, PNG or WebP image (checked by content, not by name)");

        using var codec = SKCodec.Create(image, out var result);
        if (codec is null)
            return Inspection.Reject(RejectionReasons.CorruptHeader, $"the {contentType} header cannot be read ({result})");

        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if ((long)width * height > limits.MaxPixels || width > limits.MaxSide || height > limits.MaxSide)
            return Inspection.Reject(RejectionReasons.TooManyPixels,
                $"{width}×{height} pixels is over the {limits.MaxPixels:N0}-pixel limit (possible decompression bomb); not decoded");
        if (width < limits.MinSide || height < limits.MinSide)
            return Inspection.Reject(RejectionReasons.TooSmall, $"{width}×{height} pixels is under the {limits.MinSide}-pixel minimum side");

        return Inspection.Accept(contentType, width, height);
    }
}
