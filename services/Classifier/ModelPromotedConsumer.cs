using MassTransit;
using Returns.Classifier.Edge;
using Returns.Contracts;

namespace Returns.Classifier;

/// <summary>Hears every registry change on this worker's own queue.</summary>
public sealed class ModelPromotedConsumer(ModelChanges changes, TimeProvider clock) : IConsumer<ModelPromoted>
{
    public Task Consume(ConsumeContext<ModelPromoted> context)
    {
        ClassifierEdgeChecks.Check(context.Message, clock);
        changes.Apply(context.Message);
        return Task.CompletedTask;
    }
}
