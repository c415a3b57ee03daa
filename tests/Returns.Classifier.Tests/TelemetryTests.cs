using System.Diagnostics;
using System.Diagnostics.Metrics;
using Returns.ServiceDefaults;
using Returns.Testing;
using Returns.Telemetry;

namespace Returns.Classifier.Tests;

/// <summary>Listens to the Returns meter and activity source while a real batch is classified.</summary>
public sealed class TelemetryTests(ModelFixture model) : IClassFixture<ModelFixture>
{
    [Fact]
    public void A_batch_records_decode_and_inference_time_its_size_and_a_span_for_each_stage()
    {
        var photo = File.ReadAllBytes(RepoPaths.SamplePhoto(2));
        var measurements = new List<(string Instrument, double Value)>();
        var spans = new List<string>();
        var thread = Environment.CurrentManagedThreadId;
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ReturnsTelemetry.Name)
                listener.EnableMeasurementEvents(instrument);
        };
        // Other tests classify in parallel: keep only what this thread recorded.
        meters.SetMeasurementEventCallback<double>((i, v, _, _) => { if (Environment.CurrentManagedThreadId == thread) lock (measurements) measurements.Add((i.Name, v)); });
        meters.SetMeasurementEventCallback<int>((i, v, _, _) => { if (Environment.CurrentManagedThreadId == thread) lock (measurements) measurements.Add((i.Name, v)); });
        meters.Start();
        using var activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ReturnsTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity => { if (Environment.CurrentManagedThreadId == thread) lock (spans) spans.Add(activity.OperationName); },
        };
        ActivitySource.AddActivityListener(activities);

        model.Classifier.Classify([photo, BadImages.Truncated(photo), photo]);

        Assert.Equal(3, measurements.Count(m => m.Instrument == "returns.classifier.decode.duration"));
        Assert.Single(measurements, m => m.Instrument == "returns.classifier.inference.duration" && m.Value > 0);
        Assert.Equal(2, Assert.Single(measurements, m => m.Instrument == "returns.classifier.batch.size").Value);
        Assert.Equal(["classifier.preprocess", "classifier.inference"], spans);
    }
}
