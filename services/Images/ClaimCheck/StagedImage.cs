namespace Returns.Images.ClaimCheck;

/// <summary>Bytes streamed to the claim check's staging folder while being hashed and counted; not yet addressable.
/// Disposing deletes the staged file unless it was committed.</summary>
public sealed class StagedImage(string path, string id, long length, bool tooLarge) : IAsyncDisposable
{
    internal string Path { get; } = path;

    /// <summary>The SHA-256 of every byte of the input, also when it was too large to keep.</summary>
    public string Id { get; } = id;
    public long Length { get; } = length;
    public bool TooLarge { get; } = tooLarge;
    internal bool Committed { get; set; }

    public Stream OpenRead() => new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 4096);

    public ValueTask DisposeAsync()
    {
        if (!Committed)
            File.Delete(Path);
        return ValueTask.CompletedTask;
    }
}

/// <summary>A committed image: its reference for the message, and whether this call created the stored file
/// (false: the same bytes were already waiting there), so a failed publish removes only what it added.</summary>
public sealed record ClaimCheckCommit(ClaimCheckReference Reference, bool Created);
