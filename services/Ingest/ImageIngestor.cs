using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Returns.Contracts;
using Returns.ServiceDefaults;
using Returns.Images.ClaimCheck;
using Returns.Images;
using Returns.Telemetry;

namespace Returns.Ingest;

/// <summary>Validates one input, stores its bytes in the claim-check store and publishes what became of it.</summary>
public sealed partial class ImageIngestor(ImageInspector inspector, ClaimCheckStore claimCheck, IPublishEndpoint publisher,
    IOptions<IngestOptions> options, TimeProvider clock, ILogger<ImageIngestor> logger)
{
    /// <summary>Streams an input to the claim check's staging area, hashing it; nothing is held whole in memory.</summary>
    public Task<StagedImage> StageAsync(Stream content, CancellationToken cancellationToken) =>
        claimCheck.StageAsync(content, inspector.MaxBytes, cancellationToken);

    /// <summary>Checks a staged input and either publishes it as received or records why it was refused.</summary>
    /// <param name="brokerPatience">How long to go on publishing again while the broker does not confirm (see
    /// <see cref="PublishAsync"/>); none for an upload, which is answered 503 at once.</param>
    /// <exception cref="BrokerUnavailableException">the broker did not answer; the stored bytes were removed again.</exception>
    public async Task<IngestResult> IngestAsync(ImageSource source, StagedImage staged, CancellationToken cancellationToken,
        TimeSpan brokerPatience = default)
    {
        var name = SourceNames.Safe(source.Name);
        using var activity = ReturnsTelemetry.Source.StartActivity("ingest.image")?.SetTag("returns.image_id", staged.Id);
        var validating = Stopwatch.GetTimestamp();
        var inspection = staged.TooLarge ? inspector.InspectSize(staged.Length) : inspector.Inspect(staged.OpenRead(), staged.Length);
        ReturnsTelemetry.RecordStage(Stages.Validate, validating);
        if (!inspection.Accepted)
            return await RejectAsync(source, staged.Id, inspection.RejectionReason!, inspection.Detail!, cancellationToken, brokerPatience);

        var commit = claimCheck.Commit(staged);
        try
        {
            await AttachAsync(source, staged.Id, cancellationToken, brokerPatience);
            await PublishAsync(new ImageReceived
            {
                ImageId = staged.Id,
                SourceName = name,
                ReturnId = source.ReturnId,
                LineId = source.LineId,
                RunId = source.RunId,
                ContentType = inspection.ContentType!,
                ByteSize = staged.Length,
                Width = inspection.Width,
                Height = inspection.Height,
                ReceivedAt = clock.GetUtcNow(),
                Image = commit.Reference,
            }, brokerPatience, cancellationToken);
        }
        catch when (commit.Created)
        {
            claimCheck.Delete(staged.Id); // no orphan: nobody was told about these bytes
            throw;
        }
        ReturnsTelemetry.ImagesReceived.Add(1);
        LogReceived(name, staged.Id);
        return new IngestResult(name, staged.Id, IngestStatus.Published);
    }

    /// <summary>Records an input that was refused, with its reason.</summary>
    public async Task<IngestResult> RejectAsync(ImageSource source, string imageId, string reason, string detail, CancellationToken cancellationToken,
        TimeSpan brokerPatience = default)
    {
        var name = SourceNames.Safe(source.Name);
        var now = clock.GetUtcNow();
        await PublishAsync(new ImageRejected
        {
            ImageId = imageId,
            SourceName = name,
            ReturnId = source.ReturnId,
            LineId = source.LineId,
            RunId = source.RunId,
            Stage = RejectionStages.Ingest,
            Reason = reason,
            Detail = detail,
            ReceivedAt = now,
            RejectedAt = now,
        }, brokerPatience, cancellationToken);
        ReturnsTelemetry.ImagesRejected.Add(1, new("stage", RejectionStages.Ingest), new("reason", reason));
        LogRejected(name, imageId, reason, detail);
        return new IngestResult(name, imageId, IngestStatus.Rejected, reason, detail);
    }

    /// <summary>Tells results that this photo belongs to a line of a return (before the photo itself, so the line
    /// knows to wait for it). Also for a photo that was classified before: the same bytes are one image.</summary>
    public async Task AttachAsync(ImageSource source, string imageId, CancellationToken cancellationToken, TimeSpan brokerPatience = default)
    {
        if (!source.HasLine)
            return;
        await PublishAsync(new PhotoAttached
        {
            ImageId = imageId,
            ReturnId = source.ReturnId!,
            LineId = source.LineId!,
            SourceName = SourceNames.Safe(source.Name),
            AttachedAt = clock.GetUtcNow(),
        }, brokerPatience, cancellationToken);
    }

    /// <summary>MassTransit waits for a lost broker indefinitely; an upload must not. Whatever stops a publish (timeout,
    /// closed connection, refused channel) means the broker did not take it; the caller's own cancellation passes through.
    /// Within <paramref name="patience"/> the same message is published again: a night's inbox is drained unattended, and
    /// a broker node lost, a queue leader being elected or a connection moving to another node takes longer than one
    /// Ingest:PublishTimeout. A copy that did arrive before its confirm was lost is absorbed downstream (the image id is
    /// the hash of the bytes, and every consumer is idempotent).</summary>
    private async Task PublishAsync<T>(T message, TimeSpan patience, CancellationToken cancellationToken) where T : class
    {
        var waited = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await PublishOnceAsync(message, cancellationToken);
                return;
            }
            catch (BrokerUnavailableException e) when (waited.Elapsed < patience)
            {
                LogPublishAgain(typeof(T).Name, attempt, e.InnerException?.GetType().Name ?? "");
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 10)), cancellationToken);
            }
        }
    }

    private async Task PublishOnceAsync<T>(T message, CancellationToken cancellationToken) where T : class
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.PublishTimeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await publisher.Publish(message, timeout.Token);
            ReturnsTelemetry.RecordStage(Stages.Publish, started);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BrokerUnavailableException(e);
        }
    }

    [LoggerMessage(LogLevel.Warning, "The broker did not confirm {MessageType} (attempt {Attempt}, {Error}); publishing it again")]
    private partial void LogPublishAgain(string messageType, int attempt, string error);

    [LoggerMessage(LogLevel.Debug, "Received {SourceName} as {ImageId}")]
    private partial void LogReceived(string sourceName, string imageId);

    [LoggerMessage(LogLevel.Warning, "Rejected {SourceName} ({ImageId}): {Reason}: {Detail}")]
    private partial void LogRejected(string sourceName, string imageId, string reason, string detail);
}
