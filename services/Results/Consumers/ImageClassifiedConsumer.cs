using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.Logging;
using Returns.Contracts;
using Returns.Results.Lines;
using Returns.Results.Reports;
using Returns.Results.Storage;
using Returns.ServiceDefaults;
using Returns.Images.ClaimCheck;
using Returns.Images;
using Returns.Telemetry;

namespace Returns.Results.Consumers;

/// <summary>Stores a classification and its thumbnail; a second copy of the same message changes nothing. A malformed
/// one is refused. Once stored, the image's claim-check bytes are released: after the review hold when a person should
/// look at it (needs a retake, or under the review threshold), else after the grace period.</summary>
public sealed partial class ImageClassifiedConsumer(IResultStore store, ClaimCheckCleanup claimCheck, ModelFactsCache models, TimeProvider clock,
    LineAssessor lines, OutcomeNotifications notifications, ILogger<ImageClassifiedConsumer> logger) : IConsumer<ImageClassified>
{
    /// <summary>A 192 px JPEG or WebP is a few kilobytes; anything much larger is not the preview the contract promises.</summary>
    public const int MaxThumbnailBytes = 64 * 1024;

    public async Task Consume(ConsumeContext<ImageClassified> context)
    {
        var started = Stopwatch.GetTimestamp();
        var m = context.Message;
        OutcomeValidation.Check(m, clock);
        // Before the outcome: a retry after a failed thumbnail write must not find the outcome stored and call it a duplicate.
        if (m.Thumbnail is { Length: > 0 and <= MaxThumbnailBytes } thumbnail && ImageFormats.IsPreview(thumbnail))
            await store.SaveThumbnailAsync(m.ImageId, thumbnail, context.CancellationToken);
        else if (m.Thumbnail is { Length: > 0 })
            LogThumbnailIgnored(m.ImageId, m.Thumbnail.Length);

        var stored = await store.SaveMeasuredAsync(StoredOutcome.From(m) with { StoredAt = clock.GetUtcNow() }, context.CancellationToken);
        if (!stored)
            LogDuplicate(m.ImageId, m.Model.Version);
        var needsPerson = NeedsPerson.Of(StoredOutcome.From(m), reviewed: false, models.ReviewThreshold(m.Model.Version));
        claimCheck.OutcomeStored(m.ImageId, duplicate: !stored, holdForReview: needsPerson);
        // Also for a duplicate: the copy may be a redelivery after a crash that came before the line's verdict.
        await lines.AssessLinesOfImageAsync(m.ImageId, context, context.CancellationToken);
        ReturnsTelemetry.RecordStage(Stages.Store, started);
        notifications.Stored(m.ImageId);
    }

    [LoggerMessage(LogLevel.Debug, "{ImageId} already stored for model {ModelVersion}; duplicate ignored")]
    private partial void LogDuplicate(string imageId, string modelVersion);

    [LoggerMessage(LogLevel.Warning, "The thumbnail of {ImageId} ({Bytes} bytes) is not a JPEG or WebP of at most 64 KiB; not stored")]
    private partial void LogThumbnailIgnored(string imageId, int bytes);
}
