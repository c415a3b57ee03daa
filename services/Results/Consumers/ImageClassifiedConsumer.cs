using MassTransit;
using Microsoft.Extensions.Logging;
using Returns.Contracts;
using Returns.Results.Storage;
using Returns.ServiceDefaults;

namespace Returns.Results.Consumers;

/// <summary>Stores a classification; a second copy of the same message changes nothing.</summary>
public sealed partial class ImageClassifiedConsumer(IResultStore store, ILogger<ImageClassifiedConsumer> logger) : IConsumer<ImageClassified>
{
    public async Task Consume(ConsumeContext<ImageClassified> context)
    {
        var m = context.Message;
        using var activity = ReturnsTelemetry.Source.StartActivity("results.store")?.SetTag("returns.image_id", m.ImageId);
        var stored = await store.SaveAsync(StoredOutcome.From(m), context.CancellationToken);
        ReturnsTelemetry.OutcomesStored.Add(1, new KeyValuePair<string, object?>("duplicate", !stored));
        if (stored)
            ReturnsTelemetry.EndToEnd.Record((DateTimeOffset.UtcNow - m.ReceivedAt).TotalSeconds);
        else
            LogDuplicate(m.ImageId, m.Model.Version);
    }

    [LoggerMessage(LogLevel.Debug, "{ImageId} already stored for model {ModelVersion}; duplicate ignored")]
    private partial void LogDuplicate(string imageId, string modelVersion);
}
