using Returns.Results.Reports;
using SkiaSharp;

namespace Returns.Cli;

/// <summary>Small JPEG previews of inbox photos for the review queue, embedded in the page as data: URIs.</summary>
public static class Thumbnails
{
    public static Func<ReportRow, string?> FromInbox(DirectoryInfo inbox) => row =>
    {
        var path = Path.GetFullPath(Path.Combine(inbox.FullName, row.SourceNames[0]));
        if (!path.StartsWith(inbox.FullName + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(path))
            return null;
        using var codec = SKCodec.Create(path);
        if (codec is null)
            return null;
        var size = codec.GetScaledDimensions(Math.Min(1f, 192f / Math.Max(codec.Info.Width, codec.Info.Height)));
        using var bitmap = new SKBitmap(new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        if (codec.GetPixels(bitmap.Info, bitmap.GetPixels()) is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
            return null;
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 70);
        return "data:image/jpeg;base64," + Convert.ToBase64String(data.AsSpan());
    };
}
