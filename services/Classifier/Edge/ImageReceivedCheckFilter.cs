using MassTransit;
using Returns.Contracts;

namespace Returns.Classifier.Edge;

/// <summary>Checks each ImageReceived on its own before it joins a batch: a batch consumer that threw would send every
/// image of the batch to _error, the good ones with the bad.</summary>
public sealed class ImageReceivedCheckFilter<T>(TimeProvider clock) : IFilter<ConsumeContext<T>>
    where T : class
{
    public Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        if (context.Message is ImageReceived received)
            ClassifierEdgeChecks.Check(received, clock);
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("image-received-checks");
}
