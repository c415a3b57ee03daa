using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Returns.Inference;
using Returns.Contracts;
using Returns.ServiceDefaults;
using Returns.Telemetry;

namespace Returns.Classifier;

/// <summary>Classifies a batch of received images with one inference call and publishes one outcome per image.
/// An image that cannot be fetched, fails the checks or cannot be decoded is one ImageRejected; its batch goes on.</summary>
public sealed partial class ImageReceivedConsumer(ServedModels served, ImageLoader loader, IOptions<ClassifierOptions> options,
    TimeProvider clock, ILogger<ImageReceivedConsumer> logger)
    : IConsumer<Batch<ImageReceived>>
{
    public async Task Consume(ConsumeContext<Batch<ImageReceived>> context)
    {
        var messages = context.Message.Select(m => m.Message).ToArray();
        var outcomes = new ClassificationOutcome[messages.Length];
        var images = new List<byte[]>(messages.Length);
        var slots = new List<int>(messages.Length);
        var loaded = await loader.LoadAllAsync(messages, context.CancellationToken);
        for (var i = 0; i < messages.Length; i++)
        {
            var (bytes, reason, detail) = loaded[i];
            if (bytes is null)
                outcomes[i] = new ClassificationOutcome(null, reason, detail);
            else
            {
                images.Add(bytes);
                slots.Add(i);
            }
        }

        var started = clock.GetUtcNow();
        foreach (var message in messages)
            ReturnsTelemetry.QueueLag.Record((started - message.ReceivedAt).TotalSeconds);
        // One version for the whole batch: a promotion takes effect from the next batch on.
        using var model = served.Production.Acquire()!;
        var classifier = model.Classifier;
        var classifying = Stopwatch.GetTimestamp();
        var classified = classifier.Classify(images);
        double? latencyMs = images.Count == 0 ? null : Stopwatch.GetElapsedTime(classifying).TotalMilliseconds / images.Count;
        for (var s = 0; s < slots.Count; s++)
            outcomes[slots[s]] = classified[s];
        var now = clock.GetUtcNow();
        var publishing = Stopwatch.GetTimestamp();
        // Side by side: each publish waits for the broker's confirm, and one after another they would add up a round
        // trip per image. The batch is acknowledged only after every confirm, so a failure still redelivers all of it.
        await Task.WhenAll(messages.Select((message, i) => PublishAsync(context, message, outcomes[i], classifier.Identity, now, latencyMs)));
        ReturnsTelemetry.RecordStage(Stages.PublishOutcomes, publishing);
        LogBatch(messages.Length, outcomes.Count(o => !o.Classified), outcomes.Count(o => o.Retake is not null));
    }

    private Task PublishAsync(ConsumeContext context, ImageReceived message, ClassificationOutcome outcome, ModelIdentity model,
        DateTimeOffset now, double? latencyMs)
    {
        Record(outcome);
        return outcome.Prediction is { } p
            ? context.Publish(new ImageClassified
            {
                ImageId = message.ImageId, SourceName = message.SourceName, ReturnId = message.ReturnId, LineId = message.LineId, RunId = message.RunId,
                Model = model, Label = p.Label, Confidence = p.Confidence, TopK = p.TopK,
                ReceivedAt = message.ReceivedAt, ClassifiedAt = now, Worker = options.Value.WorkerName, Retake = outcome.Retake,
                Thumbnail = outcome.Thumbnail, LatencyMs = latencyMs,
            }, context.CancellationToken)
            : context.Publish(new ImageRejected
            {
                ImageId = message.ImageId, SourceName = message.SourceName, ReturnId = message.ReturnId, LineId = message.LineId, RunId = message.RunId,
                Stage = RejectionStages.Classifier, Reason = outcome.RejectionReason!, Detail = outcome.RejectionDetail!,
                Model = model, ReceivedAt = message.ReceivedAt, RejectedAt = now,
            }, context.CancellationToken);
    }

    private static void Record(ClassificationOutcome outcome)
    {
        if (outcome.Prediction is { } p)
        {
            ReturnsTelemetry.ImagesClassified.Add(1, new KeyValuePair<string, object?>("label", p.Label));
            ReturnsTelemetry.Confidence.Record(p.Confidence, new KeyValuePair<string, object?>("label", p.Label));
            if (outcome.Retake is { } retake)
                ReturnsTelemetry.ImagesNeedingRetake.Add(1, new KeyValuePair<string, object?>("reason", retake.Reason));
        }
        else
        {
            ReturnsTelemetry.ImagesRejected.Add(1, new("stage", RejectionStages.Classifier), new("reason", outcome.RejectionReason));
        }
    }

    [LoggerMessage(LogLevel.Debug, "Classified a batch of {Count} images ({Rejected} rejected, {Retakes} need a retake)")]
    private partial void LogBatch(int count, int rejected, int retakes);
}
