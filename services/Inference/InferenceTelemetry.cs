using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Returns.Inference;

/// <summary>The serving path's spans and metrics. They carry the project's one telemetry name ("Returns"), so the
/// services export them with the rest without this library depending on the services.</summary>
public static class InferenceTelemetry
{
    public const string Name = "Returns";

    public static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);

    public static readonly Histogram<double> DecodeDuration = Meter.CreateHistogram<double>("returns.classifier.decode.duration", "ms", "decode and preprocess, per image");
    public static readonly Histogram<double> InferenceDuration = Meter.CreateHistogram<double>("returns.classifier.inference.duration", "ms", "one ONNX Runtime call, per batch");
    public static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>("returns.classifier.batch.size", "{image}", "images per inference call",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64] });

    /// <summary>The serving path's stages (decode, resize, thumbnail, inference, rank) by the tag <c>stage</c>.</summary>
    public static readonly Histogram<double> StageDuration = Meter.CreateHistogram<double>("returns.classifier.stage.duration", "ms",
        "time spent in one stage of the serving path, by stage");

    public static void RecordStage(string stage, long started) =>
        StageDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, new KeyValuePair<string, object?>("stage", stage));
}

/// <summary>The stage names <see cref="InferenceTelemetry.StageDuration"/> is tagged with.</summary>
public static class ServingStages
{
    public const string Decode = "decode";
    public const string Resize = "resize+tensor";
    public const string Thumbnail = "thumbnail";
    public const string Inference = "inference";
    public const string Rank = "rank";
}
