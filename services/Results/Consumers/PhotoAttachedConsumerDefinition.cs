using MassTransit;
using Returns.Contracts;
using Returns.ServiceDefaults;

namespace Returns.Results.Consumers;

public sealed class PhotoAttachedConsumerDefinition : ConsumerDefinition<PhotoAttachedConsumer>
{
    public PhotoAttachedConsumerDefinition() => EndpointName = QueueNames.PhotoAttached;
}
