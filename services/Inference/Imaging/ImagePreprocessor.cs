using System.Diagnostics;
using Returns.Contracts;
using Returns.Models;
using SkiaSharp;
using Returns.Telemetry;

namespace Returns.Inference.Imaging;

/// <summary>
/// Turns encoded image bytes into the model's normalised NCHW tensor. Training and serving both call this
/// class, so the model always sees pixels prepared exactly as it was trained on. Every decode reserves its pixels from a
/// <see cref="DecodeBudget"/> (the process's shared one unless given another) while they are in memory.
/// </summary>
public sealed class ImagePreprocessor(ModelInputSpec spec, DecodeBudget? budget = null)
{
    private readonly DecodeBudget budget = budget ?? DecodeBudget.Shared;

    private static readonly SKSamplingOptions Sampling = new(SKFilterMode.Linear, SKMipmapMode.None);

    public ModelInputSpec Spec => spec;

    /// <summary>Decodes at the smallest scale that still covers the model input, then resamples into
    /// <paramref name="destination"/> (length <see cref="ModelInputSpec.TensorLength"/>) and measures the photo's quality
    /// on those same pixels.</summary>
    public DecodeResult Preprocess(byte[] encoded, Span<float> destination) =>
        Preprocess(encoded, [PhotoView.Whole], destination);

    /// <summary>As <see cref="Preprocess(byte[], Span{float})"/>, and from the same decode a JPEG thumbnail whose longest
    /// side is at most <paramref name="thumbnailSide"/> (0: none).</summary>
    public DecodeResult Preprocess(byte[] encoded, Span<float> destination, int thumbnailSide) =>
        Preprocess(encoded, [PhotoView.Whole], destination, thumbnailSide);

    /// <summary>Decodes once and writes one tensor per view, back to back (training's augmented copies).</summary>
    public DecodeResult Preprocess(byte[] encoded, ReadOnlySpan<PhotoView> views, Span<float> destination) =>
        Preprocess(encoded, views, destination, thumbnailSide: 0);

    private DecodeResult Preprocess(byte[] encoded, ReadOnlySpan<PhotoView> views, Span<float> destination, int thumbnailSide)
    {
        var decoding = Stopwatch.GetTimestamp();
        using var codec = SKCodec.Create(new MemoryStream(encoded, writable: false), out var createResult);
        if (codec is null)
            return DecodeResult.Failed(RejectionReasons.Undecodable, $"not a decodable image ({createResult})");

        var size = ScaledDecodeSize(codec);
        // The decoded bitmap, and a second one of the same size when the photo must be turned upright.
        var pixels = (long)size.Width * size.Height * (codec.EncodedOrigin == SKEncodedOrigin.TopLeft ? 1 : 2);
        using var reserved = budget.Reserve(pixels);
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var decoded = new SKBitmap(info);
        var result = codec.GetPixels(info, decoded.GetPixels());
        if (result == SKCodecResult.IncompleteInput)
            return DecodeResult.Failed(RejectionReasons.Truncated, "the image data ends before the last row");
        if (result != SKCodecResult.Success)
            return DecodeResult.Failed(RejectionReasons.Undecodable, $"decoding failed ({result})");

        using var turned = Orientation.Apply(decoded, codec.EncodedOrigin);
        var oriented = turned ?? decoded;
        ReturnsTelemetry.RecordStage(Stages.Decode, decoding);
        var resizing = Stopwatch.GetTimestamp();
        PhotoMeasures? quality = null;
        for (var v = 0; v < views.Length; v++)
        {
            using var resized = Resample(oriented, views[v]);
            WriteTensor(resized, destination.Slice(v * spec.TensorLength, spec.TensorLength));
            quality ??= PhotoQuality.Measure(resized.GetPixelSpan(), spec.Width, spec.Height);
        }
        ReturnsTelemetry.RecordStage(Stages.Resize, resizing);
        if (thumbnailSide <= 0)
            return DecodeResult.Decoded(quality!.Value);
        var thumbnailing = Stopwatch.GetTimestamp();
        var thumbnail = Thumbnail.Encode(oriented, thumbnailSide);
        ReturnsTelemetry.RecordStage(Stages.Thumbnail, thumbnailing);
        return DecodeResult.Decoded(quality!.Value) with { Thumbnail = thumbnail };
    }

    /// <summary>JPEG and WebP decoders can produce a reduced image directly (1/8 steps for JPEG), far cheaper
    /// than decoding every pixel and throwing most of them away.</summary>
    internal SKSizeI ScaledDecodeSize(SKCodec codec)
    {
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        var needed = spec.Resize == ResizeModes.CenterCrop
            ? spec.ResizeShortSide / (float)Math.Min(width, height)
            : Math.Max(spec.Width / (float)width, spec.Height / (float)height);
        if (needed >= 1f)
            return new SKSizeI(width, height);

        var scaled = codec.GetScaledDimensions(needed);
        var coversInput = spec.Resize == ResizeModes.CenterCrop
            ? Math.Min(scaled.Width, scaled.Height) >= spec.ResizeShortSide
            : scaled.Width >= spec.Width && scaled.Height >= spec.Height;
        return coversInput ? scaled : new SKSizeI(width, height);
    }

    private SKBitmap Resample(SKBitmap source, PhotoView view)
    {
        var target = new SKBitmap(new SKImageInfo(spec.Width, spec.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(target);
        canvas.Clear(SKColors.White); // transparent pixels become white, as on a photo backdrop
        using var image = SKImage.FromBitmap(source);
        if (view.Mirror)
        {
            canvas.Translate(spec.Width, 0);
            canvas.Scale(-1, 1);
        }
        canvas.DrawImage(image, view.Within(SourceRect(source.Width, source.Height)), new SKRect(0, 0, spec.Width, spec.Height), Sampling);
        canvas.Flush();
        return target;
    }

    private SKRect SourceRect(int width, int height)
    {
        if (spec.Resize != ResizeModes.CenterCrop)
            return new SKRect(0, 0, width, height);
        var shortSide = Math.Min(width, height);
        var cropWidth = shortSide * spec.Width / (float)spec.ResizeShortSide;
        var cropHeight = shortSide * spec.Height / (float)spec.ResizeShortSide;
        var left = (width - cropWidth) / 2f;
        var top = (height - cropHeight) / 2f;
        return new SKRect(left, top, left + cropWidth, top + cropHeight);
    }

    private void WriteTensor(SKBitmap bitmap, Span<float> destination)
    {
        var plane = spec.Width * spec.Height;
        if (destination.Length < 3 * plane)
            throw new ArgumentException($"destination holds {destination.Length} floats, needs {3 * plane}");

        ReadOnlySpan<byte> rgba = bitmap.GetPixelSpan();
        var scale = new float[3];
        var offset = new float[3];
        for (var c = 0; c < 3; c++)
        {
            scale[c] = 1f / (255f * spec.Std[c]);
            offset[c] = spec.Mean[c] / spec.Std[c];
        }
        for (var i = 0; i < plane; i++)
        {
            var p = i * 4;
            destination[i] = rgba[p] * scale[0] - offset[0];
            destination[plane + i] = rgba[p + 1] * scale[1] - offset[1];
            destination[2 * plane + i] = rgba[p + 2] * scale[2] - offset[2];
        }
    }
}
