using Returns.Models;
using Returns.Testing;

namespace Returns.Training.Tests;

/// <summary>
/// One real retraining, shared by the tests that read what it left: a tiny dataset (6 train and 3 test photos per class),
/// five reviewed photos exported as staff would export them (one as a JPEG thumbnail, one a test photo that must be left
/// out), a private copy of the models folder, and train.sh with one epoch of one view.
/// </summary>
public sealed class RetrainingRun : IDisposable
{
    public const string ExpectedVersion = "clothing-mobilenetv2-v3";
    public const int UsableCorrections = 4;
    public const int TrainPhotos = 6 * 10;
    /// <summary>One of the six train photos of each class, by the 80/20 split.</summary>
    public const int HeldOutPhotos = 10;

    private readonly string root = Path.Combine(Path.GetTempPath(), "returns-retraining-" + Guid.NewGuid().ToString("N"));

    public RetrainingRun()
    {
        if (TinyDataset.SkipReason is not null)
            return;
        Dataset = TinyDataset.Create(Path.Combine(root, "dataset"), trainPerClass: 6, testPerClass: 3);
        Models = new ModelsFolder(ModelsCopy.Create(Path.Combine(root, "models")));
        ProductionBefore = Models.Registry.Read();
        ProductionSha256 = ModelsFolder.Sha256OfFile(Models.ResolveProduction().ModelPath);
        using (var production = CorrectionsExportFolder.ThumbnailingClassifier(Models.ResolveProduction()))
            Corrections = CorrectionsExportFolder.Create(Path.Combine(root, "corrections"), production, Reviews());
        Result = TrainCommand.Run("--dataset", Dataset, "--corrections", Corrections, "--models", Models.Path,
            "--work", Path.Combine(root, "work"), "--epochs", "1", "--views", "1");
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
