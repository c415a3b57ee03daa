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
}
