using Returns.Classifier.Imaging;

namespace Returns.Classifier.Inference;

/// <summary>The machine-readable model card (model-card.json): what serving needs, and what training measured.</summary>
public sealed record ModelCard
{
    public required string Name { get; init; }
    public required string Version { get; init; }
    public string File { get; init; } = "model.onnx";
    public required string Sha256 { get; init; }
    public required IReadOnlyList<string> Labels { get; init; }
    public required ModelInputSpec Input { get; init; }
    public string OutputName { get; init; } = "probabilities";
    public ModelEvaluation? Evaluation { get; init; }
    public ModelBaseline? Baseline { get; init; }
    public TrainingRecord? Training { get; init; }
}

public sealed record ModelEvaluation
{
    public required string Split { get; init; }
    public required int Images { get; init; }
    public required double Accuracy { get; init; }
    public required double ValidationAccuracy { get; init; }
    public required IReadOnlyList<ClassMetrics> PerClass { get; init; }
    /// <summary>Rows are the true label, columns the predicted label, both in <see cref="ModelCard.Labels"/> order.</summary>
    public required int[][] ConfusionMatrix { get; init; }
}

public sealed record ClassMetrics(string Label, double Precision, double Recall, int Support);

/// <summary>What "normal" looks like, for drift checks: the predicted class mix and mean confidence on the test split.</summary>
public sealed record ModelBaseline(IReadOnlyDictionary<string, double> ClassMix, double MeanConfidence);

public sealed record TrainingRecord
{
    public required DateTimeOffset TrainedAt { get; init; }
    public required string Dataset { get; init; }
    public required string TrainDataSha256 { get; init; }
    public required int TrainImages { get; init; }
    public required int ValidationImages { get; init; }
    public required string Backbone { get; init; }
    public required string BackboneSha256 { get; init; }
    public required string Head { get; init; }
    public required IReadOnlyDictionary<string, string> Hyperparameters { get; init; }
    public required double DurationSeconds { get; init; }
    public required string Command { get; init; }
}
