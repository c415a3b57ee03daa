using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.Logging;
using Returns.Contracts;
using Returns.Results.Lines;
using Returns.Results.Storage;
using Returns.ServiceDefaults;
using Returns.Images.ClaimCheck;
using Returns.Telemetry;

namespace Returns.Results.Consumers;

/// <summary>Records a rejected input with its reason, so it appears in the morning report instead of vanishing.
/// A malformed one is refused. A rejection by the classifier releases the image's claim-check bytes.</summary>
public sealed partial class ImageRejectedConsumer(IResultStore store, ClaimCheckCleanup claimCheck, LineAssessor lines, TimeProvider clock,
    OutcomeNotifications notifications, ILogger<ImageRejectedConsumer> logger)
    : IConsumer<ImageRejected>
{
    public async Task Consume(ConsumeContext<ImageRejected> context)
    {
        var started = Stopwatch.GetTimestamp();
        var m = context.Message;
        OutcomeValidation.Check(m, clock);
        var stored = await store.SaveMeasuredAsync(StoredOutcome.From(m) with { StoredAt = clock.GetUtcNow() }, context.CancellationToken);
        if (!stored)
            LogDuplicate(m.ImageId, m.Reason);
        if (m.Stage == RejectionStages.Classifier)
            claimCheck.OutcomeStored(m.ImageId, duplicate: !stored);
        await lines.AssessLinesOfImageAsync(m.ImageId, context, context.CancellationToken);
        ReturnsTelemetry.RecordStage(Stages.Store, started);
        notifications.Stored(m.ImageId);
    }

    [LoggerMessage(LogLevel.Debug, "Rejection of {ImageId} ({Reason}) already stored; duplicate ignored")]
    private partial void LogDuplicate(string imageId, string reason);
}
