using MassTransit;
using Microsoft.Extensions.Options;
using Returns.Contracts;
using Returns.ServiceDefaults;

namespace Returns.Classifier;

/// <summary>Each worker hears every registry change on its own queue, one at a time so that two swaps never overlap.</summary>
public sealed class ModelRegistryChangedConsumerDefinition : ConsumerDefinition<ModelRegistryChangedConsumer>
{
    public ModelRegistryChangedConsumerDefinition(IOptions<ClassifierOptions> options)
    {
        EndpointName = QueueNames.ModelRegistryChanged(options.Value.WorkerName);
        ConcurrentMessageLimit = 1;
    }
}
