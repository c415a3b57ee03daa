namespace Returns.Inference.Imaging;

/// <summary>
/// Bounds the decoded pixels in flight across every concurrent decode of the process. A PNG cannot be decoded at reduced
/// scale, so a 7000 × 7000 one is 49 million RGBA pixels (196 MB) however small the model input is; seven of them decoded
/// side by side (two batches, a core each, and the shadow) took 1.5 GB. A decode first reserves its pixels and waits while
/// the reservation would overrun the budget; one image larger than the whole budget (ImageLimits allows 50 megapixels)
/// still goes through, alone.
/// </summary>
public sealed class DecodeBudget(long maxPixels)
{
    /// <summary>64 megapixels: 256 MB of RGBA, room for the largest image ImageLimits lets through plus smaller ones.</summary>
    public const long DefaultPixels = 64_000_000;

    /// <summary>The process's one budget, which every preprocessor shares unless given its own.</summary>
    public static DecodeBudget Shared { get; } = new(DefaultPixels);

    private readonly object gate = new();
    private long inFlight;

    public long MaxPixels => maxPixels;

    /// <summary>The most pixels that were reserved at one time.</summary>
    public long PeakPixels { get; private set; }

    /// <summary>Reserves <paramref name="pixels"/> until the returned lease is disposed; blocks while they do not fit.</summary>
    public Lease Reserve(long pixels)
    {
        lock (gate)
        {
            while (inFlight > 0 && inFlight + pixels > maxPixels)
                Monitor.Wait(gate);
            inFlight += pixels;
            PeakPixels = Math.Max(PeakPixels, inFlight);
        }
        return new Lease(this, pixels);
    }

    private void Release(long pixels)
    {
        lock (gate)
        {
            inFlight -= pixels;
            Monitor.PulseAll(gate);
        }
    }

    public readonly struct Lease(DecodeBudget budget, long pixels) : IDisposable
    {
        public void Dispose() => budget.Release(pixels);
    }
}
