using MassTransit;
using Returns.Contracts;
using Returns.ServiceDefaults;

namespace Returns.Results.Consumers;

/// <summary>On the reviews' own queue, so a withdrawal is never taken ahead of the review it takes back.</summary>
public sealed class ImageReviewWithdrawnConsumerDefinition : ConsumerDefinition<ImageReviewWithdrawnConsumer>
{
    public ImageReviewWithdrawnConsumerDefinition() => EndpointName = QueueNames.ImageReviewed;
}
