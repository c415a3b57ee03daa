using Returns.Contracts;

namespace Returns.Results.Storage;

/// <summary>The returns side of the results store: declared lines, the photos linked to them and each line's current
/// verdict. Keys are natural: (return id, line id) for lines and verdicts, plus the image id for photos, so a
/// duplicated message changes nothing. Implemented by the same adapters as <see cref="IResultStore"/>.</summary>
public interface IReturnLineStore
{
    /// <summary>Stores the lines not stored yet (the first registration of a line wins); returns how many were new.</summary>
    Task<int> SaveLinesAsync(IReadOnlyList<RegisteredLine> lines, CancellationToken cancellationToken);

    Task<RegisteredLine?> FindLineAsync(string returnId, string lineId, CancellationToken cancellationToken);

    /// <summary>Links a photo to a line; returns false when it was already linked.</summary>
    Task<bool> AttachPhotoAsync(LinePhoto photo, CancellationToken cancellationToken);

    /// <summary>Every image of the line: linked by ingest, or named by an outcome that carries the line.</summary>
    Task<IReadOnlyList<string>> FindLinePhotosAsync(string returnId, string lineId, CancellationToken cancellationToken);

    /// <summary>The lines an image belongs to, by link or by its outcomes.</summary>
    Task<IReadOnlyList<LineKey>> FindLinesOfImageAsync(string imageId, CancellationToken cancellationToken);

    Task<StoredVerdict?> FindVerdictAsync(string returnId, string lineId, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="verdict"/> as the line's current one only if the stored revision is still the one
    /// before it (none for revision 1); returns false when another assessment got there first.</summary>
    Task<bool> SaveVerdictAsync(ReturnLineAssessed verdict, CancellationToken cancellationToken);

    /// <summary>Records that this revision was published, so a redelivery does not publish it again.</summary>
    Task MarkPublishedAsync(string returnId, string lineId, int revision, CancellationToken cancellationToken);

    /// <summary>Lines registered before <paramref name="registeredBefore"/> that have no verdict yet (for the deadline).</summary>
    Task<IReadOnlyList<LineKey>> FindLinesWithoutVerdictAsync(DateTimeOffset registeredBefore, int limit, CancellationToken cancellationToken);

    /// <summary>Current verdicts assessed in [From, To), or of one return, by return id then line id.</summary>
    Task<IReadOnlyList<StoredVerdict>> QueryVerdictsAsync(VerdictQuery query, CancellationToken cancellationToken);
}

public sealed record RegisteredLine
{
    public required string ReturnId { get; init; }
    public required string LineId { get; init; }
    public required string OrderId { get; init; }
    public required string Sku { get; init; }
    public required string DeclaredCategory { get; init; }
    public required DateTimeOffset RegisteredAt { get; init; }
}

public sealed record LinePhoto(string ReturnId, string LineId, string ImageId, DateTimeOffset AttachedAt);

public sealed record LineKey(string ReturnId, string LineId);

/// <summary>A line's current verdict and whether that revision has been published.</summary>
public sealed record StoredVerdict(ReturnLineAssessed Verdict, bool Published);

public sealed record VerdictQuery
{
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public string? ReturnId { get; init; }
    public int Limit { get; init; } = 100_000;
}
