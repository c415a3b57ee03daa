using Returns.Models;
using Returns.Testing;

namespace Returns.Training.Tests;

/// <summary>
/// One real retraining, shared by the tests that read what it left: a tiny dataset (6 train and 3 test photos per class),
/// five reviewed photos exported as staff would export them (one as a JPEG thumbnail, one a test photo that must be left
/// out), a private copy of the models folder, and train.sh with one epoch of one view and two folds.
/// </summary>
public sealed class RetrainingRun : IDisposable
{
    /// <summary>One more than the highest version shipped in models/.</summary>
    public static string ExpectedVersion { get; } = "clothing-mobilenetv2-v" + (Directory.GetDirectories(RepoPaths.Models, "clothing-mobilenetv2-v*")
        .Select(d => int.TryParse(Path.GetFileName(d)["clothing-mobilenetv2-v".Length..], out var n) ? n : 0).Max() + 1);
    public const int UsableCorrections = 4;
    public const int TrainPhotos = 6 * 10;

    private readonly string root = Path.Combine(Path.GetTempPath(), "returns-retraining-" + Guid.NewGuid().ToString("N"));

    public RetrainingRun()
    {
        if (TinyDataset.SkipReason is not null)
            return;
        Dataset = TinyDataset.Create(Path.Combine(root, "dataset"), trainPerClass: 6, testPerClass: 3);
        Models = new ModelsFolder(ModelsCopy.Create(Path.Combine(root, "models")));
        ProductionBefore = Models.Registry.Read();
        ProductionSha256 = ModelsFolder.Sha256OfFile(ProductionModel.In(Models).ModelPath);
        using (var production = CorrectionsExportFolder.ThumbnailingClassifier(ProductionModel.In(Models)))
            Corrections = CorrectionsExportFolder.Create(Path.Combine(root, "corrections"), production, Reviews());
        Result = TrainCommand.Run("--dataset", Dataset, "--corrections", Corrections, "--models", Models.Path,
            "--work", Path.Combine(root, "work"), "--epochs", "1", "--views", "1", "--folds", "2");
    }

    public string Dataset { get; } = "";
    public string Corrections { get; } = "";
    public ModelsFolder Models { get; } = new(Path.GetTempPath());
    public RegistryState? ProductionBefore { get; }
    public string ProductionSha256 { get; } = "";
    public TrainResult? Result { get; }

    /// <summary>The run's result, once the test has skipped if the dataset is absent and failed if training did.</summary>
    public TrainResult Succeeded()
    {
        if (TinyDataset.SkipReason is { } reason)
            Assert.Skip(reason);
        Assert.True(Result!.ExitCode == 0, $"train.sh exited with {Result.ExitCode}:\n{Result.Output}");
        return Result;
    }

    /// <summary>Photos the tiny dataset does not hold, under their true class (hard classes, where staff correct most),
    /// and one photo of its test split, which training must not learn from.</summary>
    private static Review[] Reviews()
    {
        Review Train(string label, bool asThumbnail = false) => new(TinyDataset.Photos("train", label)[20], label, asThumbnail);
        return
        [
            Train("shirt"), Train("longsleeve"), Train("outwear"), Train("t-shirt", asThumbnail: true),
            new(TinyDataset.Photos("test", "dress")[0], "dress"),
        ];
    }

    public void Dispose()
    {
        if (Directory.Exists(root))
            Directory.Delete(root, recursive: true);
    }
}
