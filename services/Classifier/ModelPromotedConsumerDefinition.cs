using MassTransit;
using Microsoft.Extensions.Options;
using Returns.ServiceDefaults;

namespace Returns.Classifier;

/// <summary>Each worker hears every promotion on its own queue, one at a time so that two swaps never overlap.</summary>
public sealed class ModelPromotedConsumerDefinition : ConsumerDefinition<ModelPromotedConsumer>
{
    public ModelPromotedConsumerDefinition(IOptions<ClassifierOptions> options)
    {
        EndpointName = QueueNames.ModelPromoted(options.Value.WorkerName);
        ConcurrentMessageLimit = 1;
    }
}
