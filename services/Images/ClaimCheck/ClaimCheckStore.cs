using System.Buffers;
using System.Diagnostics;
using Returns.Contracts;
using Returns.Models.Files;
using Returns.ServiceDefaults.Storage;
using Returns.ServiceDefaults;
using Returns.Telemetry;

namespace Returns.Images.ClaimCheck;

/// <summary>
/// The claim-check store: image bytes named by their SHA-256 in one folder. Writers stream into a staging file
/// (never the whole image in memory) and commit it under the name the store computed; readers resolve only
/// such names, only inside the folder, only regular files reached without links, and never more than a size cap.
/// </summary>
public sealed class ClaimCheckStore(string folder)
{
    internal const string StagingFolder = ".staging";
    internal const string StoredFolder = ".stored";

    public string Folder { get; } = Path.GetFullPath(folder);

    /// <summary>Streams <paramref name="content"/> to a staging file, hashing every byte. Past
    /// <paramref name="maxBytes"/> it keeps hashing (for the id of the refusal) but stops writing.</summary>
    /// <exception cref="StorageFaultException">the claim-check folder cannot be written (disk full, read-only, failing):
    /// a fault of the data folder, not of the image; a failure to read <paramref name="content"/> stays an IOException.</exception>
    public async Task<StagedImage> StageAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        try
        {
            return await StageOrThrowAsync(content, maxBytes, cancellationToken);
        }
        catch (WriteFailedException e)
        {
            throw StorageFaults.OfWrite(e.Inner, "claim-check store") ?? new StorageFaultException(
                $"the claim-check store cannot be written: {e.Inner.Message}", e.Inner);
        }
    }

    /// <summary>Marks an IOException of the claim-check side, so that it is not mistaken for one of the input.</summary>
    private sealed class WriteFailedException(IOException inner) : Exception(inner.Message, inner)
    {
        public IOException Inner { get; } = inner;
    }

    private async Task<StagedImage> StageOrThrowAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        var staging = Write(() => Directory.CreateDirectory(Path.Combine(Folder, StagingFolder)));
        var path = Path.Combine(staging.FullName, Guid.NewGuid().ToString("N"));
        using var hash = ImageId.NewHash();
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        long length = 0;
        try
        {
            await using var file = Write(() => new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0));
            int read;
            var reading = Stopwatch.GetTimestamp();
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                ReturnsTelemetry.RecordStage(Stages.ReadAndHash, reading);
                var writing = Stopwatch.GetTimestamp();
                if (length + read <= maxBytes)
                    await WriteAsync(file, buffer.AsMemory(0, read), cancellationToken);
                length += read;
                ReturnsTelemetry.RecordStage(Stages.ClaimCheckWrite, writing);
                reading = Stopwatch.GetTimestamp();
            }
        }
        catch
        {
            File.Delete(path);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return new StagedImage(path, ImageId.Of(hash), length, length > maxBytes);
    }

    private static T Write<T>(Func<T> write)
    {
        try
        {
            return write();
        }
        catch (IOException e)
        {
            throw new WriteFailedException(e);
        }
    }

    private static async Task WriteAsync(FileStream file, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        try
        {
            await file.WriteAsync(bytes, cancellationToken);
        }
        catch (IOException e)
        {
            throw new WriteFailedException(e);
        }
    }

    /// <summary>Makes a staged image addressable under its id. The same bytes already stored are kept as they are.</summary>
    public ClaimCheckCommit Commit(StagedImage staged)
    {
        if (staged.TooLarge)
            throw new InvalidOperationException("an image over the byte limit is never committed");
        var started = Stopwatch.GetTimestamp();
        var target = Path.Combine(Folder, staged.Id);
        bool created;
        try
        {
            File.Move(staged.Path, target, overwrite: false);
            created = true;
        }
        catch (IOException) when (File.Exists(target))
        {
            File.Delete(staged.Path);
            created = false;
        }
        catch (IOException e)
        {
            throw StorageFaults.OfWrite(e, "claim-check store") ?? new StorageFaultException(
                $"the claim-check store cannot be written: {e.Message}", e);
        }
        staged.Committed = true;
        ReturnsTelemetry.RecordStage(Stages.ClaimCheckWrite, started);
        return new ClaimCheckCommit(new ClaimCheckReference(staged.Id), created);
    }

    /// <summary>Reads an image by its address, refusing anything the store did not name, and anything over
    /// <paramref name="maxBytes"/>, before reading a byte of it.</summary>
    /// <exception cref="ClaimCheckRefusedException">this image cannot be served (the message is rejected).</exception>
    /// <exception cref="ClaimCheckUnavailableException">the folder is gone (the message is retried).</exception>
    public async Task<byte[]> ReadAsync(Uri? address, long maxBytes, CancellationToken cancellationToken)
    {
        if (!ClaimCheckAddress.TryParse(address, out var id))
            throw new ClaimCheckRefusedException(RejectionReasons.ClaimCheckRefused, "the image address is not one the claim-check store issued");

        using var directory = OpenFolder();
        var opened = directory.OpenRegularFile(id);
        if (opened.Stream is null)
            throw opened.Refusal == FileRefusal.Missing
                ? new ClaimCheckRefusedException(RejectionReasons.ImageMissing, "the image bytes are no longer in the claim-check store")
                : new ClaimCheckRefusedException(RejectionReasons.ClaimCheckRefused, "the claim-check entry is " + SafeOpenResult.Describe(opened.Refusal));
        await using var stream = opened.Stream;
        if (opened.Length > maxBytes)
            throw new ClaimCheckRefusedException(RejectionReasons.TooLarge, $"{opened.Length:N0} bytes is over the {maxBytes:N0}-byte limit");

        var bytes = new byte[opened.Length];
        await stream.ReadExactlyAsync(bytes, cancellationToken);
        return bytes;
    }

    /// <summary>Deletes a stored image now (its outcome is stored and nothing else needs it).</summary>
    public void Delete(string id)
    {
        if (!ImageId.IsWellFormed(id))
            return;
        File.Delete(Path.Combine(Folder, id));
        var marker = Path.Combine(Folder, StoredFolder, id);
        if (File.Exists(marker)) // File.Delete throws when the folder itself is missing
            File.Delete(marker);
    }

    private SafeDirectory OpenFolder()
    {
        try
        {
            return SafeDirectory.Open(Folder);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new ClaimCheckUnavailableException("the claim-check folder is not available", e);
        }
    }
}
