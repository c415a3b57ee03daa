using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Returns.Telemetry;

/// <summary>The project's own spans and metrics, named once, on one meter and one activity source. Every service
/// exports them through ServiceDefaults' <c>AddReturnsTelemetry</c>.</summary>
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

    public static readonly Histogram<double> DecodeDuration = Meter.CreateHistogram<double>("returns.classifier.decode.duration", "ms", "decode and preprocess, per image");
    public static readonly Histogram<double> InferenceDuration = Meter.CreateHistogram<double>("returns.classifier.inference.duration", "ms", "one ONNX Runtime call, per batch");
    public static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>("returns.classifier.batch.size", "{image}", "images per inference call",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64] });

    /// <summary>The tags of <see cref="StageDuration"/>: the component (ingest, classifier, results) and the stage.</summary>
    public const string ComponentTag = "component", StageTag = "stage";

    /// <summary>Where the time goes, by the tags <see cref="ComponentTag"/> and <see cref="StageTag"/>.</summary>
    public static readonly Histogram<double> StageDuration = Meter.CreateHistogram<double>("returns.stage.duration", "ms", "time spent in one stage, by component and stage");

    /// <summary>Records the time since <paramref name="started"/> (a <see cref="Stopwatch.GetTimestamp"/>) under <paramref name="stage"/>.</summary>
    public static void RecordStage(Stage stage, long started) =>
        StageDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            new KeyValuePair<string, object?>(ComponentTag, stage.Component), new KeyValuePair<string, object?>(StageTag, stage.Name));
}
