using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Returns.Results;
using Returns.Results.Consumers;
using Returns.Results.Storage;
using Returns.Images.ClaimCheck;
using Returns.Images;
using Spectre.Console;
using Returns.Contracts;

namespace Returns.Cli;

/// <param name="From">Only images with a review at or after this time (their latest review is exported).</param>
public sealed record CorrectionsRequest(DirectoryInfo Output, DirectoryInfo Data, DateTimeOffset? From, DateTimeOffset? To, string? ModelVersion,
    string[] Settings);

/// <summary>
/// `returns corrections export`: every reviewed image, filed under its reviewed label as training data, with a manifest.
/// The best copy wins: the original photo (already exported, or still in the claim check), else the stored WebP
/// thumbnail. Running it again gives the same tree: unchanged files are not rewritten, an original once exported is
/// kept after the claim check lets it go, and files of images no longer in the export are removed.
/// </summary>
public sealed class CorrectionsExport(CorrectionsRequest request)
{
    public async Task<int> ExecuteAsync(CancellationToken cancellationToken)
    {
        // Not started: only the store and the claim check are read, and no sweeper should run meanwhile.
        using var host = PipelineHost.Build(request.Data, WorkerPlacement.External, request.Settings, transport: ServiceDefaults.Transports.InMemory);
        var options = host.Services.GetRequiredService<IOptions<ResultsOptions>>().Value;
        if (string.IsNullOrEmpty(options.MongoConnectionString) && !File.Exists(options.SqlitePath))
        {
            AnsiConsole.MarkupLineInterpolated($"[red]no results database at {options.SqlitePath}; is --data right?[/]");
            return 1;
        }
        var store = host.Services.GetRequiredService<IResultStore>();
        var copies = new BestCopies(store, host.Services.GetRequiredService<ClaimCheckStore>(),
            host.Services.GetRequiredService<ImageInspector>().MaxBytes, request.Output);

        var reviews = await LatestReviewsAsync(store, cancellationToken);
        var exported = new List<ManifestRow>();
        foreach (var review in reviews)
            if (await copies.FindAsync(review.ImageId, cancellationToken) is { } copy)
                exported.Add(await WriteAsync(review, copy, cancellationToken));
        RemoveOthers(exported);
        await Manifest.WriteAsync(request.Output, exported, cancellationToken);
        Print(reviews.Count, exported);
        return 0;
    }

    /// <summary>The latest review of every image with a review matching the filters. A later review outside the filters
    /// still wins: the export holds each image's final label.</summary>
    private async Task<IReadOnlyList<StoredReview>> LatestReviewsAsync(IResultStore store, CancellationToken cancellationToken)
    {
        var matching = await store.QueryReviewsAsync(
            new ReviewQuery { From = request.From, To = request.To, ModelVersion = request.ModelVersion, Limit = int.MaxValue }, cancellationToken);
        var latest = await store.FindReviewsAsync(matching.Select(r => r.ImageId).Distinct().ToArray(), cancellationToken);
        // The label becomes a folder name and the id a file name: nothing else is written.
        return latest.Where(r => OutcomeValidation.IsLabel(r.ReviewedLabel) && ImageId.IsWellFormed(r.ImageId)).ToArray();
    }

    private async Task<ManifestRow> WriteAsync(StoredReview review, BestCopy copy, CancellationToken cancellationToken)
    {
        var file = $"{review.ReviewedLabel}/{review.ImageId}.{copy.Extension}";
        var path = Path.Combine(request.Output.FullName, file);
        if (!File.Exists(path) || !(await File.ReadAllBytesAsync(path, cancellationToken)).AsSpan().SequenceEqual(copy.Bytes))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var partial = path + ".partial";
            await File.WriteAllBytesAsync(partial, copy.Bytes, cancellationToken);
            File.Move(partial, path, overwrite: true);
        }
        return new ManifestRow(review, file, copy.Source);
    }

    /// <summary>Deletes exported images that are not (or no longer, or under another label or format) in this export,
    /// and label folders left empty. Only files named like an export's are touched.</summary>
    private void RemoveOthers(IReadOnlyList<ManifestRow> exported)
    {
        var keep = exported.Select(r => r.File).ToHashSet(StringComparer.Ordinal);
        foreach (var folder in LabelFolders(request.Output))
        {
            foreach (var file in folder.EnumerateFiles())
                if (BestCopies.IsExportName(file.Name) && !keep.Contains($"{folder.Name}/{file.Name}"))
                    file.Delete();
            if (!folder.EnumerateFileSystemInfos().Any())
                folder.Delete();
        }
    }

    internal static IEnumerable<DirectoryInfo> LabelFolders(DirectoryInfo output) =>
        output.Exists ? output.EnumerateDirectories().Where(d => OutcomeValidation.IsLabel(d.Name)).ToArray() : [];

    private void Print(int reviewed, IReadOnlyList<ManifestRow> exported)
    {
        var originals = exported.Count(r => r.Source == BestCopy.Original);
        AnsiConsole.MarkupLineInterpolated(
            $"{exported.Count} reviewed images exported to {request.Output.FullName}: {originals} originals, {exported.Count - originals} thumbnails; {exported.Count(r => r.Review.Corrected)} corrected");
        if (reviewed > exported.Count)
            AnsiConsole.MarkupLineInterpolated($"[yellow]{reviewed - exported.Count} reviewed images have neither the original nor a thumbnail left; not exported[/]");
        AnsiConsole.MarkupLineInterpolated($"manifest: {Path.Combine(request.Output.FullName, Manifest.File)}");
    }
}

/// <summary>The bytes to export for an image and where they came from.</summary>
public sealed record BestCopy(byte[] Bytes, string Source, string Extension)
{
    public const string Original = "original";
    public const string Thumbnail = "thumbnail";
}

/// <summary>Finds an image's best copy: an original already exported, else the claim check's, else the stored thumbnail.
/// An original is recognised by its SHA-256 being the image id, wherever it was found.</summary>
public sealed class BestCopies(IResultStore store, ClaimCheckStore claimCheck, long maxBytes, DirectoryInfo output)
{
    private static readonly Dictionary<string, string> Extensions = new()
    {
        ["image/jpeg"] = "jpg", ["image/png"] = "png", ["image/webp"] = "webp",
    };

    public static bool IsExportName(string name) =>
        Path.GetExtension(name) is ".jpg" or ".png" or ".webp" && ImageId.IsWellFormed(Path.GetFileNameWithoutExtension(name));

    public async Task<BestCopy?> FindAsync(string imageId, CancellationToken cancellationToken)
    {
        if ((await ExportedOriginalAsync(imageId, cancellationToken) ?? await ClaimCheckedAsync(imageId, cancellationToken)) is { } original)
            return Copy(original, BestCopy.Original);
        return await store.FindThumbnailAsync(imageId, cancellationToken) is { } thumbnail ? Copy(thumbnail, BestCopy.Thumbnail) : null;
    }

    private async Task<byte[]?> ExportedOriginalAsync(string imageId, CancellationToken cancellationToken)
    {
        foreach (var folder in CorrectionsExport.LabelFolders(output))
            foreach (var file in folder.EnumerateFiles(imageId + ".*").Where(f => IsExportName(f.Name)))
                if (await File.ReadAllBytesAsync(file.FullName, cancellationToken) is var bytes && IsOriginal(imageId, bytes))
                    return bytes;
        return null;
    }

    private async Task<byte[]?> ClaimCheckedAsync(string imageId, CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await claimCheck.ReadAsync(ClaimCheckAddress.For(imageId), maxBytes, cancellationToken);
            return IsOriginal(imageId, bytes) ? bytes : null;
        }
        catch (Exception e) when (e is ClaimCheckRefusedException or ClaimCheckUnavailableException)
        {
            return null; // gone after its hold, or no claim-check folder here: the thumbnail will do
        }
    }

    private static bool IsOriginal(string imageId, byte[] bytes) => ImageId.Of(bytes) == imageId;

    private static BestCopy? Copy(byte[] bytes, string source) =>
        ImageFormats.Sniff(bytes) is { } type && Extensions.TryGetValue(type, out var extension) ? new BestCopy(bytes, source, extension) : null;
}
