using Returns.Models;
using Returns.Testing;

namespace Returns.Training.Tests;

/// <summary>What training refuses before it spends an hour: replacing a version, or a label the model does not have.</summary>
public sealed class RefusalTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "returns-training-refusal-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void A_run_that_names_an_existing_version_is_refused_and_the_version_is_untouched()
    {
        var (dataset, models) = Prepare();
        var production = ProductionModel.In(models);
        var sha = ModelsFolder.Sha256OfFile(production.ModelPath);
        var history = models.Registry.Read().History.Count;

        var result = TrainCommand.Run("--dataset", dataset, "--models", models.Path, "--model-version", production.Card.Version,
            "--work", Path.Combine(root, "work"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("already exists", result.Output);
        Assert.Equal(sha, ModelsFolder.Sha256OfFile(production.ModelPath));
        Assert.Equal(history, models.Registry.Read().History.Count);
    }

    [Fact]
    public void A_correction_labelled_outside_the_model_classes_is_refused_naming_its_file()
    {
        var (dataset, models) = Prepare();
        var corrections = Directory.CreateDirectory(Path.Combine(root, "corrections", "scarf")).Parent!.FullName;
        File.Copy(TinyDataset.Photos("train", "hat")[20], Path.Combine(corrections, "scarf", "photo.jpg"));
        File.WriteAllText(Path.Combine(corrections, "manifest.csv"),
            "image_id,file,source,model_label,reviewed_label,corrected,reviewer,reviewed_at,model_version\n" +
            "0000,scarf/photo.jpg,original,hat,scarf,yes,jane,2025-03-04T05:06:07.000Z,clothing-mobilenetv2-v2\n");

        var result = TrainCommand.Run("--dataset", dataset, "--models", models.Path, "--corrections", corrections,
            "--work", Path.Combine(root, "work"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("scarf/photo.jpg", result.Output);
        Assert.Contains("not one of the model's classes", result.Output);
        Assert.Equal([ModelsCopy.Previous, ModelsCopy.Production], models.Versions());
    }

    private (string Dataset, ModelsFolder Models) Prepare()
    {
        if (TinyDataset.SkipReason is { } reason)
            Assert.Skip(reason);
        return (TinyDataset.Create(Path.Combine(root, "dataset"), trainPerClass: 2, testPerClass: 1),
            new ModelsFolder(ModelsCopy.Create(Path.Combine(root, "models"))));
    }

    public void Dispose()
    {
        if (Directory.Exists(root))
            Directory.Delete(root, recursive: true);
    }
}
