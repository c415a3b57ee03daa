using MassTransit;
using Returns.Classifier.Edge;
using Returns.Contracts;

namespace Returns.Classifier;

/// <summary>Hears every registry change on this worker's own queue.</summary>
public sealed class ModelRegistryChangedConsumer(ModelChanges changes, TimeProvider clock) : IConsumer<ModelRegistryChanged>
{
    public Task Consume(ConsumeContext<ModelRegistryChanged> context)
    {
        ClassifierEdgeChecks.Check(context.Message, clock);
        changes.Apply(context.Message);
        return Task.CompletedTask;
    }
}
