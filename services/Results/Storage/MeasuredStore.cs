using Returns.ServiceDefaults;
using Returns.Telemetry;

namespace Returns.Results.Storage;

public static class MeasuredStore
{
    /// <summary>Saves an outcome inside a "results.store" span and records whether it was new and, if so, how long
    /// the image took from ingest to here. Returns false for a duplicate.</summary>
    public static async Task<bool> SaveMeasuredAsync(this IResultStore store, StoredOutcome outcome, CancellationToken cancellationToken)
    {
        using var activity = ReturnsTelemetry.Source.StartActivity("results.store")?.SetTag("returns.image_id", outcome.ImageId);
        var stored = await store.SaveAsync(outcome, cancellationToken);
        ReturnsTelemetry.OutcomesStored.Add(1, new KeyValuePair<string, object?>("duplicate", !stored));
        if (stored)
            ReturnsTelemetry.EndToEnd.Record((DateTimeOffset.UtcNow - outcome.ReceivedAt).TotalSeconds);
        return stored;
    }
}
