using Returns.Results.Shadow;

namespace Returns.Results.Tests;

/// <summary>Shadow outcomes as the consumer would store them.</summary>
public static class Shadows
{
    public static ShadowOutcome Of(string imageId, string label, string version = "v2", float confidence = 0.9f, double latencyMs = 12.5) => new()
    {
        ImageId = imageId, ModelVersion = version, ModelSha256 = new string('b', 64), RunId = "night-1", Label = label, Confidence = confidence,
        LatencyMs = latencyMs, Worker = "worker-a", ClassifiedAt = new DateTimeOffset(2026, 11, 23, 2, 0, 1, TimeSpan.Zero),
    };
}
