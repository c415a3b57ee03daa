using MassTransit;
using Microsoft.Extensions.Logging;
using Returns.Contracts;
using Returns.Results.Storage;
using Returns.ServiceDefaults.ClaimCheck;

namespace Returns.Results.Consumers;

/// <summary>Stores a classification; a second copy of the same message changes nothing. A malformed one is refused.
/// Once stored, the image's claim-check bytes are released.</summary>
public sealed partial class ImageClassifiedConsumer(IResultStore store, ClaimCheckCleanup claimCheck, ILogger<ImageClassifiedConsumer> logger)
    : IConsumer<ImageClassified>
{
    public async Task Consume(ConsumeContext<ImageClassified> context)
    {
        var m = context.Message;
        OutcomeValidation.Check(m);
        var stored = await store.SaveMeasuredAsync(StoredOutcome.From(m), context.CancellationToken);
        if (!stored)
            LogDuplicate(m.ImageId, m.Model.Version);
        claimCheck.OutcomeStored(m.ImageId, duplicate: !stored);
    }

    [LoggerMessage(LogLevel.Debug, "{ImageId} already stored for model {ModelVersion}; duplicate ignored")]
    private partial void LogDuplicate(string imageId, string modelVersion);
}
