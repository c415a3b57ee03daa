using MassTransit;

namespace Returns.ServiceDefaults.Storage;

/// <summary>Hears every consumer's failure and reports the storage faults among them: a store that cannot be written
/// fails every message alike, so waiting for retries and the _error queue only hides it.</summary>
public sealed class StorageFaultObserver(StorageFaults faults) : IConsumeObserver
{
    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
    {
        faults.TryReport(exception);
        return Task.CompletedTask;
    }
}
