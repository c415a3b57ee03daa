using MassTransit;
using Returns.Contracts;
using Returns.Results.Consumers;
using Returns.ServiceDefaults;

namespace Returns.Results.Shadow;

/// <summary>Keeps what the shadow said, apart from the outcomes; a second copy changes nothing, a malformed one is refused.</summary>
public sealed class ImageShadowClassifiedConsumer(IShadowStore store, TimeProvider clock) : IConsumer<ImageShadowClassified>
{
    public async Task Consume(ConsumeContext<ImageShadowClassified> context)
    {
        OutcomeValidation.Check(context.Message, clock);
        await store.SaveAsync(ShadowOutcome.From(context.Message), context.CancellationToken);
    }
}

public sealed class ImageShadowClassifiedConsumerDefinition : ConsumerDefinition<ImageShadowClassifiedConsumer>
{
    public ImageShadowClassifiedConsumerDefinition() => EndpointName = QueueNames.ImageShadowClassified;
}
