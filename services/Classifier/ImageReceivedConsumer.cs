using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Returns.Classifier.Inference;
using Returns.Contracts;
using Returns.ServiceDefaults;

namespace Returns.Classifier;

/// <summary>Classifies a batch of received images with one inference call and publishes one outcome per image.</summary>
public sealed partial class ImageReceivedConsumer(ImageClassifier classifier, IOptions<ClassifierOptions> options, TimeProvider clock,
    ILogger<ImageReceivedConsumer> logger)
    : IConsumer<Batch<ImageReceived>>
{
    public async Task Consume(ConsumeContext<Batch<ImageReceived>> context)
    {
        var messages = context.Message.Select(m => m.Message).ToArray();
        var images = await Task.WhenAll(messages.Select(m => m.Image.Value));
        var started = clock.GetUtcNow();
        foreach (var message in messages)
            ReturnsTelemetry.QueueLag.Record((started - message.ReceivedAt).TotalSeconds);
        var outcomes = classifier.Classify(images);
        var now = clock.GetUtcNow();

        for (var i = 0; i < messages.Length; i++)
        {
            var (message, outcome) = (messages[i], outcomes[i]);
            Record(outcome);
            if (outcome.Prediction is { } p)
                await context.Publish(new ImageClassified
                {
                    ImageId = message.ImageId, SourceName = message.SourceName, ReturnId = message.ReturnId, RunId = message.RunId,
                    Model = classifier.Identity, Label = p.Label, Confidence = p.Confidence, TopK = p.TopK,
                    ReceivedAt = message.ReceivedAt, ClassifiedAt = now, Worker = options.Value.WorkerName, Retake = outcome.Retake,
                });
            else
                await context.Publish(new ImageRejected
                {
                    ImageId = message.ImageId, SourceName = message.SourceName, ReturnId = message.ReturnId, RunId = message.RunId,
                    Stage = RejectionStages.Classifier, Reason = outcome.RejectionReason!, Detail = outcome.RejectionDetail!,
                    Model = classifier.Identity, ReceivedAt = message.ReceivedAt, RejectedAt = now,
                });
        }
        LogBatch(messages.Length, outcomes.Count(o => !o.Classified), outcomes.Count(o => o.Retake is not null));
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

    [LoggerMessage(LogLevel.Debug, "Classified a batch of {Count} images ({Rejected} undecodable, {Retakes} need a retake)")]
    private partial void LogBatch(int count, int rejected, int retakes);
}
