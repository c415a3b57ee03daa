using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Returns.ServiceDefaults;

/// <summary>The project's own spans and metrics, named once. Every service exports them through <see cref="TelemetryExtensions"/>.</summary>
public static class ReturnsTelemetry
{
    public const string Name = "Returns";

    public static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> ImagesReceived = Meter.CreateCounter<long>("returns.images.received", "{image}", "images accepted by ingest");
    public static readonly Counter<long> ImagesClassified = Meter.CreateCounter<long>("returns.images.classified", "{image}", "images classified, by label");
    public static readonly Counter<long> ImagesNeedingRetake = Meter.CreateCounter<long>("returns.images.retake", "{image}", "classified photos that need a retake, by reason");
    public static readonly Counter<long> ImagesRejected = Meter.CreateCounter<long>("returns.images.rejected", "{image}", "inputs rejected, by stage and reason");
    public static readonly Counter<long> OutcomesStored = Meter.CreateCounter<long>("returns.outcomes.stored", "{outcome}", "outcomes stored (duplicates=true: already stored)");

    public static readonly Histogram<double> Confidence = Meter.CreateHistogram<double>("returns.classifier.confidence", null, "confidence of each classification",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0] });
    public static readonly Histogram<double> QueueLag = Meter.CreateHistogram<double>("returns.classifier.queue.lag", "s", "from ingest to the start of classification");
    public static readonly Histogram<double> EndToEnd = Meter.CreateHistogram<double>("returns.pipeline.duration", "s", "from ingest to the stored outcome");

    /// <summary>Where the time goes, outside the serving path (that one is <c>returns.classifier.stage.duration</c>):
    /// read+hash, validate, claim-check write, publish, … by the tag <c>stage</c>.</summary>
    public static readonly Histogram<double> StageDuration = Meter.CreateHistogram<double>("returns.stage.duration", "ms", "time spent in one stage, by stage");

    /// <summary>Records the time since <paramref name="started"/> (a <see cref="Stopwatch.GetTimestamp"/>) under <paramref name="stage"/>.</summary>
    public static void RecordStage(string stage, long started) =>
        StageDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, new KeyValuePair<string, object?>("stage", stage));
}

/// <summary>The stage names <see cref="ReturnsTelemetry.StageDuration"/> is tagged with.</summary>
public static class Stages
{
    public const string ReadAndHash = "read+hash";
    public const string AlreadyDoneLookup = "already-done lookup";
    public const string Validate = "validate";
    public const string ClaimCheckWrite = "claim-check write";
    public const string Publish = "publish";
    public const string ClaimCheckRead = "claim-check read+verify";
    public const string PublishOutcomes = "publish outcomes";
    public const string Store = "store";
    public const string Report = "report";
}
