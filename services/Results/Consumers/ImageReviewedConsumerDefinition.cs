using MassTransit;
using Returns.Contracts;
using Returns.ServiceDefaults;

namespace Returns.Results.Consumers;

public sealed class ImageReviewedConsumerDefinition : ConsumerDefinition<ImageReviewedConsumer>
{
    public ImageReviewedConsumerDefinition() => EndpointName = QueueNames.ImageReviewed;
}
