using MassTransit;
using Microsoft.Extensions.Logging;
using Returns.Contracts;
using Returns.Results.Storage;

namespace Returns.Results.Consumers;

/// <summary>Records a rejected input with its reason, so it appears in the morning report instead of vanishing.</summary>
public sealed partial class ImageRejectedConsumer(IResultStore store, ILogger<ImageRejectedConsumer> logger) : IConsumer<ImageRejected>
{
    public async Task Consume(ConsumeContext<ImageRejected> context)
    {
        var m = context.Message;
        if (!await store.SaveMeasuredAsync(StoredOutcome.From(m), context.CancellationToken))
            LogDuplicate(m.ImageId, m.Reason);
    }

    [LoggerMessage(LogLevel.Debug, "Rejection of {ImageId} ({Reason}) already stored; duplicate ignored")]
    private partial void LogDuplicate(string imageId, string reason);
}
