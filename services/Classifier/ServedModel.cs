using Returns.Contracts;
using Returns.Inference;

namespace Returns.Classifier;

/// <summary>
/// The model this worker serves, swappable while it runs. A batch leases the current classifier for its whole length,
/// so every image of a batch is classified by one version; a swap takes effect for the next batch, and the old session
/// is disposed when its last lease ends.
/// </summary>
public sealed class ServedModel : IDisposable
{
    private readonly Lock gate = new();
    private Loaded current;
    private DateTimeOffset changedAt = DateTimeOffset.MinValue;

    public ServedModel(ImageClassifier initial) => current = new Loaded(initial);

    public ModelIdentity Identity
    {
        get
        {
            lock (gate)
                return current.Classifier.Identity;
        }
    }

    /// <summary>The last version this worker was told to serve and could not, with the reason; null once it serves the
    /// version it was last told to.</summary>
    public RefusedModel? Refused { get; private set; }

    public Lease Acquire()
    {
        lock (gate)
        {
            current.Leases++;
            return new Lease(this, current);
        }
    }

    /// <summary>Serves <paramref name="next"/> from the next batch on. A change ordered before the last one applied
    /// (a late redelivery) is ignored and <paramref name="next"/> disposed; returns whether it was applied.</summary>
    public bool Swap(ImageClassifier next, DateTimeOffset orderedAt)
    {
        Loaded old;
        lock (gate)
        {
            if (orderedAt < changedAt)
            {
                next.Dispose();
                return false;
            }
            (old, current, changedAt) = (current, new Loaded(next), orderedAt);
            Refused = null;
            old.Retired = true;
            if (old.Leases > 0)
                return true;
        }
        old.Classifier.Dispose();
        return true;
    }

    public void Refuse(RefusedModel refused)
    {
        lock (gate)
        {
            if (refused.OrderedAt >= changedAt)
                Refused = refused;
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
        lock (gate)
            current.Retired = true;
        if (current.Leases == 0)
            current.Classifier.Dispose();
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
        private readonly ServedModel owner;
        private readonly Loaded loaded;
        private int released;

        internal Lease(ServedModel owner, Loaded loaded)
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
