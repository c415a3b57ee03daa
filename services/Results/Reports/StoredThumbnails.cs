using Returns.Results.Storage;

namespace Returns.Results.Reports;

/// <summary>The page's thumbnails from the results store: the previews the classifier made, which outlive the inbox
/// and the claim check. Embedded as data: URIs, so the page stays one self-contained file.</summary>
public static class StoredThumbnails
{
    public static async Task<Func<ReportRow, string?>> LoadAsync(IResultStore store, NightlyReport report, CancellationToken cancellationToken)
    {
        var uris = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in ReportHtml.RowsWithThumbnails(report))
            if (await store.FindThumbnailAsync(row.ImageId, cancellationToken) is { } webp)
                uris[row.ImageId] = "data:image/webp;base64," + Convert.ToBase64String(webp);
        return row => uris.GetValueOrDefault(row.ImageId);
    }
}
