using Returns.Contracts;
using Returns.Results.Storage;

namespace Returns.Testing.Million;

/// <summary>Draws outcomes, reviews and return lines the way the real pipeline leaves them, from one seeded random
/// source: the same mix and seed always give the same rows.</summary>
internal sealed class GeneratedNight(OutcomeMix mix)
{
    private readonly Random random = new(mix.Seed);
    private readonly string[] labels = OutcomeMix.ClassMix.Keys.ToArray();
    private readonly double[] cumulativeMix = Cumulative(OutcomeMix.ClassMix.Values);

    public int PerNight => Math.Max(1, mix.Outcomes / mix.Nights);

    public string ImageId()
    {
        Span<byte> bytes = stackalloc byte[32];
        random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    public DateTimeOffset NightStart(int night) => mix.FirstNight.AddDays(night);

    public string VersionOf(int night) => night < mix.Nights * mix.PromotedAfter ? mix.EarlierVersion : mix.LaterVersion;

    public bool Chance(double share) => random.NextDouble() < share;

    public int Next(int max) => random.Next(max);

    /// <summary>One outcome of an image, as the classifier or ingest would have left it.</summary>
    public StoredOutcome Outcome(string imageId, int index, int night, string version, DateTimeOffset completedAt, LineKey? line)
    {
        var common = new StoredOutcome
        {
            ImageId = imageId, ModelVersion = version, Status = OutcomeStatus.Classified, SourceName = $"IMG_{index % PerNight:D6}.jpg",
            RunId = $"inbox-{NightStart(night):yyyy-MM-dd}", ReturnId = line?.ReturnId, LineId = line?.LineId,
            ModelName = "clothing-mobilenetv2", ModelSha256 = version == mix.EarlierVersion ? new string('2', 64) : new string('3', 64),
            Worker = $"worker-{index % 2}", ReceivedAt = completedAt.AddSeconds(-2), CompletedAt = completedAt, StoredAt = completedAt,
            LatencyMs = Math.Round(20 + random.NextDouble() * 30, 2),
        };
        var draw = random.NextDouble();
        if (draw < mix.RefusedByIngest)
            return common with
            {
                ModelVersion = "", Status = OutcomeStatus.Rejected, ModelName = null, ModelSha256 = null, Worker = null, LatencyMs = null,
                Stage = "ingest", Reason = Pick(OutcomeMix.IngestRefusals), Detail = "refused before classification",
            };
        if ((draw -= mix.RefusedByIngest) < mix.RejectedByClassifier)
            return common with { Status = OutcomeStatus.Rejected, Stage = "decode", Reason = Pick(OutcomeMix.ClassifierRejections), Detail = "the decoder gave up" };
        var label = Label();
        var confidence = Confidence();
        var classified = common with { Label = label, Confidence = confidence, TopK = TopK(label, confidence) };
        return (draw -= mix.RejectedByClassifier) < mix.NeedsRetake
            ? classified with { Status = OutcomeStatus.NeedsRetake, Reason = Pick(OutcomeMix.RetakeReasons), Detail = "photo quality under its limit" }
            : classified;
    }

    /// <summary>Calibrated confidences as the model gives them: most labels sure (0.8–1, bunched near 1), the unsure
    /// ones spread between 0.3 and 0.8.</summary>
    private float Confidence()
    {
        var u = random.NextDouble();
        return (float)Math.Round(Chance(mix.Unsure) ? 0.3 + 0.5 * u : 1 - 0.2 * u * u * u, 4);
    }

    private LabelScore[] TopK(string label, float confidence)
    {
        var rest = 1 - confidence;
        var second = OtherThan(label);
        var third = OtherThan(label, second);
        return [new(label, confidence), new(second, (float)Math.Round(rest * 0.7, 4)), new(third, (float)Math.Round(rest * 0.2, 4))];
    }

    public string Label()
    {
        var u = random.NextDouble() * cumulativeMix[^1];
        var at = Array.BinarySearch(cumulativeMix, u);
        return labels[Math.Min(at < 0 ? ~at : at, labels.Length - 1)];
    }

    public string OtherThan(params string[] taken)
    {
        while (true)
            if (labels[random.Next(labels.Length)] is var other && !taken.Contains(other))
                return other;
    }

    public string Pick(string[] choices) => choices[random.Next(choices.Length)];

    private static double[] Cumulative(IEnumerable<double> shares)
    {
        var sum = 0.0;
        return shares.Select(s => sum += s).ToArray();
    }
}
