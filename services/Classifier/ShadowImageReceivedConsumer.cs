using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.Options;
using Returns.Contracts;

namespace Returns.Classifier;

/// <summary>Classifies a copy of live traffic with the candidate in shadow, from its own queue, so a slow candidate never
/// holds up production. Without a version in shadow the copies are acknowledged and dropped. An image that cannot be
/// used is production's to reject; the shadow just leaves it out.</summary>
public sealed class ShadowImageReceivedConsumer(ServedModels served, ImageLoader loader, IOptions<ClassifierOptions> options, TimeProvider clock)
    : IConsumer<Batch<ImageReceived>>
{
    public async Task Consume(ConsumeContext<Batch<ImageReceived>> context)
    {
        using var model = served.Shadow.Acquire();
        if (model is null)
            return;

        var usable = new List<ImageReceived>(context.Message.Length);
        var images = new List<byte[]>(context.Message.Length);
        var messages = context.Message.Select(m => m.Message).ToArray();
        var loaded = await loader.LoadAllAsync(messages, context.CancellationToken);
        for (var i = 0; i < messages.Length; i++)
            if (loaded[i].Bytes is { } bytes)
            {
                usable.Add(messages[i]);
                images.Add(bytes);
            }
        if (images.Count == 0)
            return;

        var started = Stopwatch.GetTimestamp();
        var outcomes = model.Classifier.Classify(images);
        var latencyMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds / images.Count;
        var now = clock.GetUtcNow();
        // Side by side, as production's outcomes are: one broker round trip for the batch, not one per image.
        await Task.WhenAll(usable.Zip(outcomes)
            .Where(pair => pair.Second.Prediction is not null)
            .Select(pair => context.Publish(new ImageShadowClassified
            {
                ImageId = pair.First.ImageId, RunId = pair.First.RunId, Model = model.Classifier.Identity, Label = pair.Second.Prediction!.Label,
                Confidence = pair.Second.Prediction.Confidence, RetakeReason = pair.Second.Retake?.Reason, LatencyMs = latencyMs,
                Worker = options.Value.WorkerName, ClassifiedAt = now,
            }, context.CancellationToken)));
    }
}
