namespace Returns.Models;

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
    public ModelCalibration? Calibration { get; init; }
    public ReviewPolicy? Review { get; init; }
    /// <summary>What this version was trained from; absent on versions trained before lineage was recorded.</summary>
    public DataLineage? Lineage { get; init; }
    /// <summary>Absent: the same probabilities on every x86-64 processor (a float graph). Present: the card's figures hold
    /// only on a processor with one of these instruction sets.</summary>
    public ProcessorRequirement? Requires { get; init; }
}

/// <summary>What a version needs of the processor for its card to hold, and why (e.g. int8 convolutions that overflow
/// without VNNI). <see cref="AnyOf"/> are /proc/cpuinfo flag names.</summary>
public sealed record ProcessorRequirement(IReadOnlyList<string> AnyOf, string Reason);

/// <summary>Where a version's training data came from: the dataset (by the fingerprint of its train split), how many
/// reviewed images from staff were added to it (and a fingerprint of their labels and bytes), and the version it
/// succeeds, whose reviews they are. Training starts again from the ImageNet backbone: no weights come from the parent.</summary>
public sealed record DataLineage(string DatasetSha256, int Corrections, string? CorrectionsSha256, string? Parent);

/// <summary>How the confidence was made to mean what it says: softmax(logits / T), T fitted on held-out train photos.
/// Calibration errors are expected calibration errors (15 equal-width bins).</summary>
public sealed record ModelCalibration(string Method, double Temperature, double HeldOutErrorBefore, double HeldOutErrorAfter, double TestError);

/// <summary>The confidence under which a photo goes to human review, chosen on held-out train photos so that what is
/// accepted without review is at least <see cref="TargetAccuracy"/> correct; with what it gave on the test split.</summary>
public sealed record ReviewPolicy(double TargetAccuracy, double Threshold, double HeldOutCoverage, double HeldOutAccuracy,
    double TestCoverage, double TestAccuracy);

/// <summary>Accuracy of the most confident <see cref="Coverage"/> share of predictions.</summary>
public sealed record RiskCoveragePoint(double Coverage, double Accuracy, double MinConfidence);

public sealed record ModelEvaluation
{
    public required string Split { get; init; }
    public required int Images { get; init; }
    public required double Accuracy { get; init; }
    /// <summary>Top-1 on train photos scored by a model that did not fit them (held out, or out-of-fold since v3), the estimate available before the test split was scored.</summary>
    public required double ValidationAccuracy { get; init; }
    /// <summary>95 % Wilson interval of <see cref="Accuracy"/>.</summary>
    public double[]? AccuracyInterval { get; init; }
    public IReadOnlyList<RiskCoveragePoint>? RiskCoverage { get; init; }
    public IReadOnlyList<RiskCoveragePoint>? HeldOutRiskCoverage { get; init; }
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
