using System.Collections.Concurrent;
using Returns.Results;
using Returns.Results.Storage;

namespace Returns.Staff;

/// <summary>
/// What still needs a person, in the order they should see it: the production model's classified labels under its
/// review threshold, least confident first, then photos that need a retake. A person's skipped images, and the
/// ones they just reviewed (stored a moment later by the results consumer), are set aside for them.
/// </summary>
public sealed class ReviewQueue(IResultStore store, ModelCatalog models)
{
    private const int SetAsideLimit = 500;
    private readonly ConcurrentDictionary<string, AsideIds> setAside = new(StringComparer.Ordinal);

    public sealed record Snapshot(IReadOnlyList<StoredOutcome> Next, int LowConfidence, int NeedsRetake);

    public async Task<Snapshot> PeekAsync(string user, int count, CancellationToken cancellationToken)
    {
        var aside = For(user);
        if (Queries(count + aside.Count) is not { } queries)
            return new Snapshot([], 0, 0);
        var (low, retake) = queries;
        var next = (await store.QueryAsync(low, cancellationToken)).Concat(await store.QueryAsync(retake, cancellationToken))
            .Where(o => !aside.Contains(o.ImageId))
            .Take(count)
            .ToArray();
        return new Snapshot(next, await store.CountAsync(low, cancellationToken), await store.CountAsync(retake, cancellationToken));
    }

    /// <summary>How many wait: (under the threshold, needing a retake).</summary>
    public async Task<(int LowConfidence, int NeedsRetake)> CountAsync(CancellationToken cancellationToken) =>
        Queries(1) is { } queries
            ? (await store.CountAsync(queries.Low, cancellationToken), await store.CountAsync(queries.Retake, cancellationToken))
            : (0, 0);

    private (ResultQuery Low, ResultQuery Retake)? Queries(int limit) =>
        models.Production is { } version ? NeedsPerson.Queries(version, models.ReviewThreshold(version), limit) : null;

    public void SetAside(string user, string imageId) => For(user).Add(imageId);

    /// <summary>Puts an image back in front of this person (their decision on it was undone).</summary>
    public void Restore(string user, string imageId) => For(user).Remove(imageId);

    private AsideIds For(string user) => setAside.GetOrAdd(user, _ => new AsideIds());

    private sealed class AsideIds
    {
        private readonly Queue<string> order = new();
        private readonly HashSet<string> ids = new(StringComparer.Ordinal);

        public int Count { get { lock (ids) return ids.Count; } }

        public bool Contains(string id) { lock (ids) return ids.Contains(id); }

        public void Remove(string id) { lock (ids) ids.Remove(id); }

        public void Add(string id)
        {
            lock (ids)
            {
                if (!ids.Add(id))
                    return;
                order.Enqueue(id);
                if (order.Count > SetAsideLimit)
                    ids.Remove(order.Dequeue());
            }
        }
    }
}
