using Returns.Models;

namespace Returns.Results.Reports;

/// <summary>What a report needs from a model version's card: its drift baseline and the review threshold training
/// chose for the accuracy staff want on what they do not review.</summary>
public sealed record ModelFacts(ModelBaseline? Baseline, double? ReviewThreshold, double? TargetAccuracy)
{
    /// <summary>The model's labels in output order (empty when the card names none).</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    public static ModelFacts? Of(ModelCard? card) => card is null
        ? null
        : new ModelFacts(card.Baseline, card.Review?.Threshold, card.Review?.TargetAccuracy) { Labels = card.Labels };
}
