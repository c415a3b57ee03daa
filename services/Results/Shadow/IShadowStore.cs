namespace Returns.Results.Shadow;

/// <summary>Where shadow outcomes are kept, beside the results store (SQLite table or MongoDB collection). Writes are
/// idempotent like the outcomes': the first for (ImageId, ModelVersion) wins.</summary>
public interface IShadowStore
{
    /// <summary>Returns true when the outcome was new, false when it was already stored.</summary>
    Task<bool> SaveAsync(ShadowOutcome outcome, CancellationToken cancellationToken);

    /// <summary>The shadow outcomes of <paramref name="modelVersion"/>, in image id order, at most <paramref name="limit"/>
    /// after the first <paramref name="skip"/>.</summary>
    Task<IReadOnlyList<ShadowOutcome>> ListAsync(string modelVersion, int skip, int limit, CancellationToken cancellationToken);

    Task<int> CountAsync(string modelVersion, CancellationToken cancellationToken);
}
