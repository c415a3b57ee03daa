using Returns.Contracts;
using Returns.Inference;

namespace Returns.Classifier;

/// <summary>
/// One model a worker serves, swappable while it runs: production's slot always holds one, the shadow's may be empty. A
/// batch leases the current classifier for its whole length, so every image of a batch is classified by one version; a
/// swap takes effect for the next batch, and the old session is disposed when its last lease ends. A change ordered
/// before the last one applied (a late redelivery) is ignored.
/// </summary>
public sealed class ModelSlot : IDisposable
{
    private readonly Lock gate = new();
    private Loaded? current;
    private DateTimeOffset changedAt = DateTimeOffset.MinValue;

    public ModelSlot(ImageClassifier? initial) => current = initial is null ? null : new Loaded(initial);

    /// <summary>The model in this slot, or null when it is empty.</summary>
    public ModelIdentity? Identity
    {
        get
        {
            lock (gate)
                return current?.Classifier.Identity;
        }
    }

    /// <summary>The last version this slot was told to hold and could not, with the reason; null once it holds the
    /// version it was last told to.</summary>
    public RefusedModel? Refused { get; private set; }

    /// <summary>A lease on the current classifier for one batch, or null when the slot is empty.</summary>
    public Lease? Acquire()
    {
        lock (gate)
        {
            if (current is null)
                return null;
            current.Leases++;
            return new Lease(this, current);
        }
    }

    /// <summary>Holds <paramref name="next"/> from the next batch on; a late order is ignored and <paramref name="next"/>
    /// disposed. Returns whether it was applied.</summary>
    public bool Swap(ImageClassifier next, DateTimeOffset orderedAt)
    {
        if (!Replace(new Loaded(next), orderedAt, out _, out var idle))
        {
            next.Dispose();
            return false;
        }
        idle?.Classifier.Dispose();
        return true;
    }

    /// <summary>Empties the slot; the batch that holds the session finishes with it. Returns whether a model left.</summary>
    public bool Empty(DateTimeOffset orderedAt)
    {
        if (!Replace(null, orderedAt, out var old, out var idle))
            return false;
        idle?.Classifier.Dispose();
        return old is not null;
    }

    public void Refuse(RefusedModel refused)
    {
        lock (gate)
        {
            if (refused.OrderedAt >= changedAt)
                Refused = refused;
        }
    }

    /// <param name="idle">the model that left, when no batch holds it any more: the caller disposes it.</param>
    private bool Replace(Loaded? next, DateTimeOffset orderedAt, out Loaded? old, out Loaded? idle)
    {
        lock (gate)
        {
            (old, idle) = (current, null);
            if (orderedAt < changedAt)
                return false;
            (current, changedAt, Refused) = (next, orderedAt, null);
            if (old is not null)
            {
                old.Retired = true;
                idle = old.Leases == 0 ? old : null;
            }
            return true;
        }
    }

    private void Release(Loaded loaded)
    {
        lock (gate)
        {
            if (--loaded.Leases > 0 || !loaded.Retired)
                return;
        }
        loaded.Classifier.Dispose();
    }

    public void Dispose()
    {
        Loaded? idle;
        lock (gate)
        {
            if (current is not null)
                current.Retired = true;
            idle = current is { Leases: 0 } ? current : null;
        }
        idle?.Classifier.Dispose();
    }

    internal sealed class Loaded(ImageClassifier classifier)
    {
        public ImageClassifier Classifier { get; } = classifier;
        public int Leases { get; set; }
        public bool Retired { get; set; }
    }

    /// <summary>One batch's hold on a classifier; dispose it when the batch has published its outcomes.</summary>
    public sealed class Lease : IDisposable
    {
        private readonly ModelSlot owner;
        private readonly Loaded loaded;
        private int released;

        internal Lease(ModelSlot owner, Loaded loaded)
        {
            this.owner = owner;
            this.loaded = loaded;
        }

        public ImageClassifier Classifier => loaded.Classifier;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
                owner.Release(loaded);
        }
    }
}

/// <summary>A version the worker was told to serve but could not load, and why.</summary>
public sealed record RefusedModel(string Version, string Reason, DateTimeOffset OrderedAt);
