using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Returns.Classifier.Edge;
using Returns.Contracts;
using Returns.ServiceDefaults;

namespace Returns.Classifier;

/// <summary>The shadow's own queue, bound to the same events as production's: one batch at a time per worker, so the
/// shadow never takes more than its share of the cores.</summary>
public sealed class ShadowImageReceivedConsumerDefinition : ConsumerDefinition<ShadowImageReceivedConsumer>
{
    private readonly ClassifierOptions options;

    public ShadowImageReceivedConsumerDefinition(IOptions<ClassifierOptions> options)
    {
        this.options = options.Value;
        EndpointName = QueueNames.ClassifierShadow;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint,
        IConsumerConfigurator<ShadowImageReceivedConsumer> consumer, IRegistrationContext context)
    {
        endpoint.PrefetchCount = options.BatchSize * 2;
        endpoint.UseFilter(new ImageReceivedCheckFilter(context.GetRequiredService<TimeProvider>()));
        consumer.Options<BatchOptions>(batch => batch
            .SetMessageLimit(options.BatchSize)
            .SetTimeLimit(TimeSpan.FromMilliseconds(options.BatchTimeLimitMs))
            .SetConcurrencyLimit(1));
    }
}
