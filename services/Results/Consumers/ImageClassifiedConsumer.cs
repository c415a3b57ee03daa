using MassTransit;
using Microsoft.Extensions.Logging;
using Returns.Contracts;
using Returns.Results.Storage;

namespace Returns.Results.Consumers;

/// <summary>Stores a classification; a second copy of the same message changes nothing.</summary>
public sealed partial class ImageClassifiedConsumer(IResultStore store, ILogger<ImageClassifiedConsumer> logger) : IConsumer<ImageClassified>
{
    public async Task Consume(ConsumeContext<ImageClassified> context)
    {
        var m = context.Message;
        if (!await store.SaveMeasuredAsync(StoredOutcome.From(m), context.CancellationToken))
            LogDuplicate(m.ImageId, m.Model.Version);
    }

    [LoggerMessage(LogLevel.Debug, "{ImageId} already stored for model {ModelVersion}; duplicate ignored")]
    private partial void LogDuplicate(string imageId, string modelVersion);
}
