using Returns.Results.Storage;
using Returns.Images;

namespace Returns.Results.Reports;

/// <summary>The page's thumbnails from the results store: the previews the classifier made, which outlive the inbox
/// and the claim check. Embedded as data: URIs, so the page stays one self-contained file.</summary>
public static class StoredThumbnails
{
    /// <returns>The data: URI of an image id's thumbnail, or null. The bytes are kept and each URI is made when the page
    /// asks for it: as base64 text they would take almost three times the memory, all at once.</returns>
    public static async Task<Func<string, string?>> LoadAsync(IResultStore store, NightlyReport report, CancellationToken cancellationToken)
    {
        var thumbnails = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var imageId in ReportHtml.ImagesWithThumbnails(report))
            if (await store.FindThumbnailAsync(imageId, cancellationToken) is { } thumbnail)
                thumbnails[imageId] = thumbnail;
        return imageId => thumbnails.TryGetValue(imageId, out var thumbnail)
            ? $"data:{ImageFormats.Sniff(thumbnail)};base64,{Convert.ToBase64String(thumbnail)}"
            : null;
    }
}
