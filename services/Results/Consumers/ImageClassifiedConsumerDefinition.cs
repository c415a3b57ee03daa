using MassTransit;
using Returns.Contracts;
using Returns.ServiceDefaults;

namespace Returns.Results.Consumers;

public sealed class ImageClassifiedConsumerDefinition : ConsumerDefinition<ImageClassifiedConsumer>
{
    public ImageClassifiedConsumerDefinition() => EndpointName = QueueNames.ImageClassified;
}
