using MassTransit;
using Microsoft.Extensions.Logging;
using Returns.Contracts;
using Returns.Ingest.Validation;
using Returns.ServiceDefaults;

namespace Returns.Ingest;

/// <summary>Validates one input, stores its bytes in the claim-check store and publishes what became of it.</summary>
public sealed partial class ImageIngestor(ImageInspector inspector, IMessageDataRepository claimCheck, IPublishEndpoint publisher,
    TimeProvider clock, ILogger<ImageIngestor> logger)
{
    public async Task<IngestResult> IngestAsync(string sourceName, byte[] bytes, string? returnId, string? runId,
        CancellationToken cancellationToken)
    {
        var name = ImageIds.SafeSourceName(sourceName);
        var imageId = ImageIds.FromBytes(bytes);
        using var activity = ReturnsTelemetry.Source.StartActivity("ingest.image")?.SetTag("returns.image_id", imageId);
        var inspection = inspector.Inspect(bytes);
        if (!inspection.Accepted)
            return await RejectAsync(name, imageId, returnId, runId, inspection.RejectionReason!, inspection.Detail!, cancellationToken);

        var image = await claimCheck.PutBytes(bytes, cancellationToken);
        await publisher.Publish(new ImageReceived
        {
            ImageId = imageId,
            SourceName = name,
            ReturnId = returnId,
            RunId = runId,
            ContentType = inspection.ContentType!,
            ByteSize = bytes.LongLength,
            Width = inspection.Width,
            Height = inspection.Height,
            ReceivedAt = clock.GetUtcNow(),
            Image = image,
        }, cancellationToken);
        ReturnsTelemetry.ImagesReceived.Add(1);
        LogReceived(name, imageId);
        return new IngestResult(name, imageId, IngestStatus.Published);
    }

    /// <summary>Refuses an input over the byte limit without reading it into memory: its id is hashed from the
    /// stream. Returns null when the input is within the limit.</summary>
    public async Task<IngestResult?> RejectIfTooLargeAsync(string sourceName, long byteSize, Func<Stream> open, string? returnId,
        string? runId, CancellationToken cancellationToken)
    {
        var size = inspector.InspectSize(byteSize);
        if (size.RejectionReason != RejectionReasons.TooLarge)
            return null;
        await using var stream = open();
        var id = await ImageIds.FromStreamAsync(stream, cancellationToken);
        return await RejectAsync(sourceName, id, returnId, runId, size.RejectionReason, size.Detail!, cancellationToken);
    }

    /// <summary>Records an input that was refused, with its reason.</summary>
    public async Task<IngestResult> RejectAsync(string sourceName, string imageId, string? returnId, string? runId, string reason, string detail,
        CancellationToken cancellationToken)
    {
        var name = ImageIds.SafeSourceName(sourceName);
        var now = clock.GetUtcNow();
        await publisher.Publish(new ImageRejected
        {
            ImageId = imageId,
            SourceName = name,
            ReturnId = returnId,
            RunId = runId,
            Stage = RejectionStages.Ingest,
            Reason = reason,
            Detail = detail,
            ReceivedAt = now,
            RejectedAt = now,
        }, cancellationToken);
        ReturnsTelemetry.ImagesRejected.Add(1, new("stage", RejectionStages.Ingest), new("reason", reason));
        LogRejected(name, imageId, reason, detail);
        return new IngestResult(name, imageId, IngestStatus.Rejected, reason, detail);
    }

    [LoggerMessage(LogLevel.Debug, "Received {SourceName} as {ImageId}")]
    private partial void LogReceived(string sourceName, string imageId);

    [LoggerMessage(LogLevel.Warning, "Rejected {SourceName} ({ImageId}): {Reason}: {Detail}")]
    private partial void LogRejected(string sourceName, string imageId, string reason, string detail);
}
