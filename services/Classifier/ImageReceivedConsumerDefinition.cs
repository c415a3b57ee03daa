using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Returns.Classifier.Edge;
using Returns.Contracts;
using Returns.ServiceDefaults;

namespace Returns.Classifier;

/// <summary>Endpoint settings for the classifier: batch size and wait, concurrency and prefetch.</summary>
public sealed class ImageReceivedConsumerDefinition : ConsumerDefinition<ImageReceivedConsumer>
{
    private readonly ClassifierOptions options;

    public ImageReceivedConsumerDefinition(IOptions<ClassifierOptions> options)
    {
        this.options = options.Value;
        EndpointName = QueueNames.Classifier;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint,
        IConsumerConfigurator<ImageReceivedConsumer> consumer, IRegistrationContext context)
    {
        // Enough prefetched to fill every batch in flight, plus one waiting.
        endpoint.PrefetchCount = options.BatchSize * (options.ConcurrentBatches + 1);
        endpoint.UseFilter(new ImageReceivedCheckFilter(context.GetRequiredService<TimeProvider>()));
        consumer.Options<BatchOptions>(batch => batch
            .SetMessageLimit(options.BatchSize)
            .SetTimeLimit(TimeSpan.FromMilliseconds(options.BatchTimeLimitMs))
            .SetConcurrencyLimit(options.ConcurrentBatches));
    }
}
