using MassTransit;
using Microsoft.Extensions.Logging;
using Returns.Contracts;
using Returns.Results.Storage;
using Returns.ServiceDefaults;

namespace Returns.Results.Consumers;

/// <summary>Records a rejected input with its reason, so it appears in the morning report instead of vanishing.</summary>
public sealed partial class ImageRejectedConsumer(IResultStore store, ILogger<ImageRejectedConsumer> logger) : IConsumer<ImageRejected>
{
    public async Task Consume(ConsumeContext<ImageRejected> context)
    {
        var m = context.Message;
        using var activity = ReturnsTelemetry.Source.StartActivity("results.store")?.SetTag("returns.image_id", m.ImageId);
        var stored = await store.SaveAsync(StoredOutcome.From(m), context.CancellationToken);
        ReturnsTelemetry.OutcomesStored.Add(1, new KeyValuePair<string, object?>("duplicate", !stored));
        if (stored)
            ReturnsTelemetry.EndToEnd.Record((DateTimeOffset.UtcNow - m.ReceivedAt).TotalSeconds);
        else
            LogDuplicate(m.ImageId, m.Reason);
    }

    [LoggerMessage(LogLevel.Debug, "Rejection of {ImageId} ({Reason}) already stored; duplicate ignored")]
    private partial void LogDuplicate(string imageId, string reason);
}
