using System.Threading.Channels;

namespace Returns.Results.Storage;

/// <summary>
/// Tells listeners in this process which images just had an outcome stored (or found already stored), so that
/// `returns run` learns its night is done from the consumers instead of polling the store. Nothing is buffered while
/// nobody listens, so a long-running results service holds nothing for it.
/// </summary>
public sealed class OutcomeNotifications
{
    private readonly Lock gate = new();
    private Channel<string>[] listeners = [];

    public void Stored(string imageId)
    {
        foreach (var listener in Volatile.Read(ref listeners))
            listener.Writer.TryWrite(imageId);
    }

    /// <summary>From now on, every stored image id, until the subscription is disposed.</summary>
    public Subscription Listen()
    {
        var channel = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
        lock (gate)
            listeners = [.. listeners, channel];
        return new Subscription(this, channel);
    }

    private void Remove(Channel<string> channel)
    {
        lock (gate)
            listeners = listeners.Where(l => l != channel).ToArray();
        channel.Writer.TryComplete();
    }

    public sealed class Subscription(OutcomeNotifications owner, Channel<string> channel) : IDisposable
    {
        public ChannelReader<string> Stored => channel.Reader;

        public void Dispose() => owner.Remove(channel);
    }
}
