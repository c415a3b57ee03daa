using System.Text.Json;

namespace Returns.Results.Reports;

/// <summary>What a report needs from a model version's card: its drift baseline and the review threshold training
/// chose for the accuracy staff want on what they do not review.</summary>
public sealed record ModelFacts(Baseline? Baseline, double? ReviewThreshold, double? TargetAccuracy)
{
    /// <summary>The model's labels in output order (empty when the card names none).</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    private sealed record Review(double TargetAccuracy, double Threshold);

    private sealed record Card(Baseline? Baseline, Review? Review, string[]? Labels);

    /// <summary>Reads models/&lt;version&gt;/model-card.json, if there is one.</summary>
    public static ModelFacts? Read(string modelsDirectory, string version)
    {
        if (version.Length == 0 || version.Contains("..", StringComparison.Ordinal) || version.IndexOfAny(['/', '\\']) >= 0)
            return null; // a version comes from messages: it names a folder of models/, never a path
        var path = Path.Combine(modelsDirectory, version, "model-card.json");
        if (!File.Exists(path))
            return null;
        var card = JsonSerializer.Deserialize<Card>(File.ReadAllText(path), new JsonSerializerOptions(JsonSerializerDefaults.Web));
        return card is null ? null : new ModelFacts(card.Baseline, card.Review?.Threshold, card.Review?.TargetAccuracy) { Labels = card.Labels ?? [] };
    }
}
