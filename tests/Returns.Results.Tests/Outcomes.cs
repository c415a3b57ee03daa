using Returns.Contracts;
using Returns.Results.Storage;

namespace Returns.Results.Tests;

/// <summary>Outcomes as the consumers would store them, built from real message shapes.</summary>
public static class Outcomes
{
    public static readonly ModelIdentity Model = new("clothing-mobilenetv2", "v1", new string('a', 64));
    private static readonly DateTimeOffset Night = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    public static StoredOutcome Classified(string imageId, string label, float confidence, ModelIdentity? model = null, string source = "photo.jpg") =>
        StoredOutcome.From(new ImageClassified
        {
            ImageId = imageId, SourceName = source, Model = model ?? Model, Label = label, Confidence = confidence,
            TopK = [new LabelScore(label, confidence), new LabelScore("other", 1 - confidence)],
            ReceivedAt = Night, ClassifiedAt = Night.AddSeconds(1),
        });

    /// <summary>A photo the model saw but that failed the quality gate: its guess is kept beside the retake.</summary>
    public static StoredOutcome NeedsRetake(string imageId, string reason, string label = "shoes", float confidence = 0.95f,
        string source = "dark.jpg") =>
        StoredOutcome.From(new ImageClassified
        {
            ImageId = imageId, SourceName = source, Model = Model, Label = label, Confidence = confidence,
            TopK = [new LabelScore(label, confidence), new LabelScore("other", 1 - confidence)],
            ReceivedAt = Night, ClassifiedAt = Night.AddSeconds(1), Retake = new Retake(reason, "why: " + reason),
        });

    public static StoredOutcome RejectedAtIngest(string imageId, string reason, string source = "broken.jpg") =>
        StoredOutcome.From(new ImageRejected
        {
            ImageId = imageId, SourceName = source, Stage = RejectionStages.Ingest, Reason = reason, Detail = "why: " + reason,
            ReceivedAt = Night, RejectedAt = Night,
        });
}
