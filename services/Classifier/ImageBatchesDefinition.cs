using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Returns.Classifier.Edge;

namespace Returns.Classifier;

/// <summary>What production's and the shadow's endpoints share: every ImageReceived checked at the edge, and batches of
/// Classifier:BatchSize gathered for at most Classifier:BatchTimeLimitMs, so many at a time.</summary>
public abstract class ImageBatchesDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    private readonly ClassifierOptions options;
    private readonly int concurrentBatches;

    protected ImageBatchesDefinition(ClassifierOptions options, string queue, int concurrentBatches)
    {
        this.options = options;
        this.concurrentBatches = concurrentBatches;
        EndpointName = queue;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<TConsumer> consumer,
        IRegistrationContext context)
    {
        // Enough prefetched to fill every batch in flight, plus one waiting.
        endpoint.PrefetchCount = options.BatchSize * (concurrentBatches + 1);
        endpoint.UseFilter(new ImageReceivedCheckFilter(context.GetRequiredService<TimeProvider>()));
        consumer.Options<BatchOptions>(batch => batch
            .SetMessageLimit(options.BatchSize)
            .SetTimeLimit(TimeSpan.FromMilliseconds(options.BatchTimeLimitMs))
            .SetConcurrencyLimit(concurrentBatches));
    }
}
