using Microsoft.Extensions.Options;
using Returns.Contracts;

namespace Returns.Classifier;

/// <summary>Endpoint settings for the classifier: batch size and wait, Classifier:ConcurrentBatches at a time, and
/// prefetch to match.</summary>
public sealed class ImageReceivedConsumerDefinition(IOptions<ClassifierOptions> options)
    : ImageBatchesDefinition<ImageReceivedConsumer>(options.Value, QueueNames.Classifier, options.Value.ConcurrentBatches);
