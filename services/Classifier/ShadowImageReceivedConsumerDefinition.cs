using Microsoft.Extensions.Options;
using Returns.Contracts;

namespace Returns.Classifier;

/// <summary>The shadow's own queue, bound to the same events as production's: one batch at a time per worker, so the
/// shadow never takes more than its share of the cores.</summary>
public sealed class ShadowImageReceivedConsumerDefinition(IOptions<ClassifierOptions> options)
    : ImageBatchesDefinition<ShadowImageReceivedConsumer>(options.Value, QueueNames.ClassifierShadow, concurrentBatches: 1);
