using MassTransit;
using Returns.Contracts;

namespace Returns.Classifier.Edge;

/// <summary>Checks each ImageReceived on its own before it joins a batch: a batch consumer that threw would send every
/// image of the batch to _error, the good ones with the bad. It sits on the endpoint's consume pipe, which sees each
/// message; a filter per message type would only see the Batch the consumer takes.</summary>
public sealed class ImageReceivedCheckFilter(TimeProvider clock) : IFilter<ConsumeContext>
{
    public Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        if (context.TryGetMessage<ImageReceived>(out var received))
            ClassifierEdgeChecks.Check(received.Message, clock);
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("image-received-checks");
}
