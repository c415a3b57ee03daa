using MassTransit;
using Returns.Contracts;

namespace Returns.Classifier;

/// <summary>Hears every registry change on this worker's own queue.</summary>
public sealed class ModelPromotedConsumer(ModelChanges changes) : IConsumer<ModelPromoted>
{
    public Task Consume(ConsumeContext<ModelPromoted> context)
    {
        changes.Apply(context.Message);
        return Task.CompletedTask;
    }
}
