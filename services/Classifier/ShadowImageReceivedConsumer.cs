using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.Options;
using Returns.Contracts;

namespace Returns.Classifier;

/// <summary>Classifies a copy of live traffic with the candidate in shadow, from its own queue, so a slow candidate never
/// holds up production. Without a version in shadow the copies are acknowledged and dropped. An image that cannot be
/// used is production's to reject; the shadow just leaves it out.</summary>
public sealed class ShadowImageReceivedConsumer(ShadowModel shadow, ImageLoader loader, IOptions<ClassifierOptions> options, TimeProvider clock)
    : IConsumer<Batch<ImageReceived>>
{
    public async Task Consume(ConsumeContext<Batch<ImageReceived>> context)
    {
        using var model = shadow.Acquire();
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
        for (var i = 0; i < usable.Count; i++)
            if (outcomes[i].Prediction is { } p)
                await context.Publish(new ImageShadowClassified
                {
                    ImageId = usable[i].ImageId, RunId = usable[i].RunId, Model = model.Classifier.Identity, Label = p.Label,
                    Confidence = p.Confidence, RetakeReason = outcomes[i].Retake?.Reason, LatencyMs = latencyMs,
                    Worker = options.Value.WorkerName, ClassifiedAt = now,
                });
    }
}
