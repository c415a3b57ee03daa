using System.Diagnostics.Metrics;
using Returns.Telemetry;

namespace Returns.Cli;

/// <summary>Listens, for the length of one run, to the time each stage reports (<see cref="ReturnsTelemetry.StageDuration"/>)
/// and to the queue lag, so run.json can say where this run's time went. Stages of the same batch overlap, so the
/// seconds add up to the work done, not to the run's wall time.</summary>
public sealed class StageProfile : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly Lock gate = new();
    private readonly Dictionary<string, (double Milliseconds, long Count)> stages = [];
    private double queueLagSeconds;
    private long queueLagCount;

    public StageProfile()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument == ReturnsTelemetry.StageDuration || instrument == ReturnsTelemetry.QueueLag)
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>(OnMeasurement);
        listener.Start();
    }

    private void OnMeasurement(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        lock (gate)
        {
            if (instrument == ReturnsTelemetry.QueueLag)
            {
                queueLagSeconds += value;
                queueLagCount++;
                return;
            }
            foreach (var tag in tags)
                if (tag is { Key: ReturnsTelemetry.StageTag, Value: string stage })
                {
                    var (milliseconds, count) = stages.GetValueOrDefault(stage);
                    stages[stage] = (milliseconds + value, count + 1);
                }
        }
    }

    /// <summary>Each stage's seconds, count and share of all stage time, largest first.</summary>
    public IReadOnlyList<StageTime> Stages()
    {
        lock (gate)
        {
            var total = Math.Max(stages.Values.Sum(s => s.Milliseconds), 1e-9);
            return stages.OrderByDescending(s => s.Value.Milliseconds)
                .Select(s => new StageTime(s.Key, Math.Round(s.Value.Milliseconds / 1000, 3), s.Value.Count, Math.Round(s.Value.Milliseconds / total, 4)))
                .ToArray();
        }
    }

    /// <summary>From ingest to the start of classification, averaged over the images classified in this process.</summary>
    public double? MeanQueueLagSeconds()
    {
        lock (gate)
            return queueLagCount == 0 ? null : Math.Round(queueLagSeconds / queueLagCount, 3);
    }

    public void Dispose() => listener.Dispose();
}

public sealed record StageTime(string Stage, double Seconds, long Count, double Share);
