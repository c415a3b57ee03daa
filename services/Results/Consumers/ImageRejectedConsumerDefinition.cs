using MassTransit;
using Returns.Contracts;
using Returns.ServiceDefaults;

namespace Returns.Results.Consumers;

public sealed class ImageRejectedConsumerDefinition : ConsumerDefinition<ImageRejectedConsumer>
{
    public ImageRejectedConsumerDefinition() => EndpointName = QueueNames.ImageRejected;
}
