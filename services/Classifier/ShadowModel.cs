using Returns.Inference;

namespace Returns.Classifier;

/// <summary>
/// The candidate this worker runs in shadow, if any: the same lease-and-swap as <see cref="ServedModel"/>, with an
/// empty slot when no version is in shadow. Ending the shadow lets the batch that holds the session finish with it.
/// </summary>
public sealed class ShadowModel : IDisposable
{
    private readonly Lock gate = new();
    private ServedModel? served;
    private DateTimeOffset changedAt = DateTimeOffset.MinValue;

    public ShadowModel(ImageClassifier? initial) => served = initial is null ? null : new ServedModel(initial);

    /// <summary>The version in shadow here, or null.</summary>
    public string? Version
    {
        get
        {
            lock (gate)
                return served?.Identity.Version;
        }
    }

    /// <summary>The last shadow version this worker could not load, with the reason.</summary>
    public RefusedModel? Refused { get; private set; }

    /// <summary>A lease on the shadow session for one batch, or null when no version is in shadow.</summary>
    public ServedModel.Lease? Acquire()
    {
        lock (gate)
            return served?.Acquire();
    }

    /// <summary>Runs <paramref name="next"/> in shadow from the next batch on; an order older than the last one applied
    /// (a late redelivery) is ignored and <paramref name="next"/> disposed.</summary>
    public bool Start(ImageClassifier next, DateTimeOffset orderedAt)
    {
        ServedModel running;
        lock (gate)
        {
            if (orderedAt < changedAt)
            {
                next.Dispose();
                return false;
            }
            changedAt = orderedAt;
            Refused = null;
            if (served is null)
            {
                served = new ServedModel(next);
                return true;
            }
            running = served;
        }
        return running.Swap(next, orderedAt);
    }

    public bool End(DateTimeOffset orderedAt)
    {
        ServedModel? ended;
        lock (gate)
        {
            if (orderedAt < changedAt)
                return false;
            (ended, served, changedAt, Refused) = (served, null, orderedAt, null);
        }
        ended?.Dispose();
        return ended is not null;
    }

    public void Refuse(RefusedModel refused)
    {
        lock (gate)
        {
            if (refused.OrderedAt >= changedAt)
                Refused = refused;
        }
    }

    public void Dispose()
    {
        lock (gate)
            served?.Dispose();
    }
}
