using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Options;
using Returns.Contracts;
using Returns.ServiceDefaults;
using Returns.Models.Files;
using Returns.Telemetry;

namespace Returns.Ingest.Inbox;

/// <summary>
/// Drains an inbox folder: every regular file becomes an image or a recorded rejection, and every entry that is
/// not read (link, FIFO, device, too deep, over the limit) is recorded with its reason. Files are opened without
/// following links and without blocking. The folder itself is left untouched, so a killed run is simply run again.
/// </summary>
public sealed class InboxScanner(ImageIngestor ingestor, IOptions<IngestOptions> options)
{
    public IEnumerable<InboxEntry> Entries(DirectoryInfo inbox) =>
        InboxWalker.Walk(inbox, options.Value.InboxMaxDepth, options.Value.InboxMaxEntries);

    /// <param name="alreadyDone">Answers whether an image already has its outcome, so a rerun skips it.</param>
    /// <param name="progress">Called after each entry, one call at a time.</param>
    /// <returns>One result per entry, in the order of the walk.</returns>
    /// <remarks>Up to Ingest:InboxConcurrency entries are in flight; once cancelled, no new one starts and those in
    /// flight finish, so every file is wholly ingested and reported, or not started.</remarks>
    public async Task<IReadOnlyList<IngestResult>> DrainAsync(DirectoryInfo inbox, string? runId, Func<string, CancellationToken, Task<bool>> alreadyDone,
        Action<IngestResult>? progress, CancellationToken cancellationToken)
    {
        var results = new SortedList<int, IngestResult>();
        using var folder = SafeDirectory.Open(inbox.FullName);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.InboxConcurrency };
        await Parallel.ForEachAsync(Entries(inbox).Select((entry, index) => (entry, index)), parallel, async (item, _) =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            // A file that has started is finished (its publish still gives up after Ingest:InboxBrokerPatience): cancelled
            // halfway, it could be published yet missing from the results, and the run would not wait for its outcome.
            var result = await IngestOneAsync(folder, item.entry, SourceOf(item.entry, runId), alreadyDone, CancellationToken.None);
            lock (results)
            {
                results.Add(item.index, result);
                progress?.Invoke(result);
            }
        });
        return results.Values.ToArray();
    }

    /// <summary>With Ingest:InboxReturnFolders, "R-1042/2/front.jpg" is a photo of line 2 of return R-1042.</summary>
    private ImageSource SourceOf(InboxEntry entry, string? runId)
    {
        var parts = entry.RelativePath.Split('/');
        if (!options.Value.InboxReturnFolders || parts.Length != 3)
            return new ImageSource(entry.RelativePath, null, runId);
        var (returnId, lineId) = (ImageSource.CleanId(parts[0]), ImageSource.CleanId(parts[1]));
        return new ImageSource(entry.RelativePath, returnId, runId, returnId is null ? null : lineId);
    }

    private async Task<IngestResult> IngestOneAsync(SafeDirectory folder, InboxEntry entry, ImageSource source,
        Func<string, CancellationToken, Task<bool>> alreadyDone, CancellationToken cancellationToken)
    {
        if (entry.Skipped)
            return await SkipAsync(source, entry.SkipReason!, entry.SkipDetail!, cancellationToken);

        SafeOpenResult opened;
        try
        {
            opened = folder.OpenRegularFile(entry.RelativePath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            opened = SafeOpenResult.Refuse(FileRefusal.Unreadable);
        }
        if (opened.Stream is null)
            return await SkipAsync(source, opened.Refusal is FileRefusal.Unreadable or FileRefusal.Missing ? RejectionReasons.Unreadable : RejectionReasons.NotARegularFile,
                SafeOpenResult.Describe(opened.Refusal), cancellationToken);

        try
        {
            await using var staged = await StageAsync(opened.Stream, cancellationToken);
            if (!staged.TooLarge && await AlreadyDoneAsync(alreadyDone, staged.Id, cancellationToken))
            {
                await ingestor.AttachAsync(source, staged.Id, cancellationToken, Patience);
                return new IngestResult(SourceNames.Safe(source.Name), staged.Id, IngestStatus.AlreadyDone);
            }
            return await ingestor.IngestAsync(source, staged, cancellationToken, Patience);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && !cancellationToken.IsCancellationRequested)
        {
            return await SkipAsync(source, RejectionReasons.Unreadable, "the file could not be read", cancellationToken);
        }
    }

    private static async Task<bool> AlreadyDoneAsync(Func<string, CancellationToken, Task<bool>> alreadyDone, string imageId,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var done = await alreadyDone(imageId, cancellationToken);
        ReturnsTelemetry.RecordStage(Stages.AlreadyDoneLookup, started);
        return done;
    }

    private async Task<Returns.Images.ClaimCheck.StagedImage> StageAsync(FileStream file, CancellationToken cancellationToken)
    {
        await using (file)
            return await ingestor.StageAsync(file, cancellationToken);
    }

    /// <summary>An entry that was not read has no bytes to hash: its id comes from its reason and name.</summary>
    private Task<IngestResult> SkipAsync(ImageSource source, string reason, string detail, CancellationToken cancellationToken) =>
        ingestor.RejectAsync(source, ImageId.Of(Encoding.UTF8.GetBytes($"{reason}:{source.Name}")), reason, detail, cancellationToken, Patience);

    private TimeSpan Patience => options.Value.InboxBrokerPatience;
}
