using System.Text;
using Returns.Contracts;

namespace Returns.Ingest.Inbox;

/// <summary>
/// Drains an inbox folder: every regular file becomes an image or a recorded rejection. Files are read in a
/// stable order; the folder itself is left untouched, so a killed run is simply run again.
/// </summary>
public sealed class InboxScanner(ImageIngestor ingestor)
{
    /// <param name="alreadyDone">Answers whether an image already has its outcome, so a rerun skips it.</param>
    /// <param name="progress">Called after each file.</param>
    public async Task<IReadOnlyList<IngestResult>> DrainAsync(DirectoryInfo inbox, string? runId, Func<string, CancellationToken, Task<bool>> alreadyDone,
        Action<IngestResult>? progress, CancellationToken cancellationToken)
    {
        var results = new List<IngestResult>();
        foreach (var entry in Entries(inbox))
        {
            var result = await IngestOneAsync(inbox, entry, runId, alreadyDone, cancellationToken);
            results.Add(result);
            progress?.Invoke(result);
        }
        return results;
    }

    public static IReadOnlyList<FileSystemInfo> Entries(DirectoryInfo inbox) =>
        inbox.EnumerateFileSystemInfos("*", new EnumerationOptions
            {
                RecurseSubdirectories = true,
                AttributesToSkip = FileAttributes.Hidden,
                IgnoreInaccessible = false,
            })
            .Where(e => e is FileInfo || e.LinkTarget is not null)
            .OrderBy(e => e.FullName, StringComparer.Ordinal)
            .ToArray();

    private async Task<IngestResult> IngestOneAsync(DirectoryInfo inbox, FileSystemInfo entry, string? runId,
        Func<string, CancellationToken, Task<bool>> alreadyDone,
        CancellationToken cancellationToken)
    {
        var name = Path.GetRelativePath(inbox.FullName, entry.FullName);
        if (entry.LinkTarget is not null)
        {
            // A link may point anywhere (../../etc/shadow): it is recorded, never followed.
            var id = ImageIds.FromBytes(Encoding.UTF8.GetBytes("link:" + name));
            return await ingestor.RejectAsync(name, id, null, runId, RejectionReasons.NotARegularFile,
                "symbolic links are not followed; copy the photo itself into the inbox", cancellationToken);
        }

        var file = (FileInfo)entry;
        try
        {
            if (await ingestor.RejectIfTooLargeAsync(name, file.Length, file.OpenRead, null, runId, cancellationToken) is { } tooLarge)
                return tooLarge;

            var bytes = await File.ReadAllBytesAsync(file.FullName, cancellationToken);
            var imageId = ImageIds.FromBytes(bytes);
            if (await alreadyDone(imageId, cancellationToken))
                return new IngestResult(ImageIds.SafeSourceName(name), imageId, IngestStatus.AlreadyDone);
            return await ingestor.IngestAsync(name, bytes, null, runId, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && !cancellationToken.IsCancellationRequested)
        {
            var id = ImageIds.FromBytes(Encoding.UTF8.GetBytes("unreadable:" + name));
            return await ingestor.RejectAsync(name, id, null, runId, RejectionReasons.Unreadable, "the file could not be read", cancellationToken);
        }
    }
}
