using System.Text.Json;
using System.Text.RegularExpressions;
using Returns.Inference;
using Returns.Models;
using Returns.Testing;

namespace Returns.Training.Tests;

/// <summary>Retraining on a few corrections produces a candidate whose card names its parent and its corrections.</summary>
public sealed class RetrainingTests(RetrainingRun run) : IClassFixture<RetrainingRun>
{
    private sealed record ParityEntry(string File, string Sha256, string Label, float[] Probabilities);

    private ModelCard Card => ModelsFolder.ReadCardFile(Path.Combine(run.Models.VersionDirectory(RetrainingRun.ExpectedVersion), ModelsFolder.CardFile));

    [Fact]
    public void It_writes_the_next_free_version_with_its_model_and_card()
    {
        var result = run.Succeeded();

        var directory = run.Models.VersionDirectory(RetrainingRun.ExpectedVersion);
        foreach (var file in new[] { "model.onnx", ModelsFolder.CardFile, "MODEL_CARD.md", "parity.json" })
            Assert.True(File.Exists(Path.Combine(directory, file)), $"{file} missing from {directory}");
        Assert.Equal(RetrainingRun.ExpectedVersion, Card.Version);
        TestContext.Current.TestOutputHelper?.WriteLine($"train.sh took {result.Took.TotalSeconds:F0} s");
    }

    [Fact]
    public void The_card_names_its_parent_its_corrections_and_the_dataset_it_learned_from()
    {
        run.Succeeded();

        var lineage = Card.Lineage!;
        Assert.Equal(run.ProductionBefore!.Production, lineage.Parent);
        Assert.Equal(RetrainingRun.UsableCorrections, lineage.Corrections);
        Assert.Matches("^[0-9a-f]{64}$", lineage.CorrectionsSha256!);
        var (_, train) = DatasetSplit.Read(new DirectoryInfo(run.Dataset), "train");
        Assert.Equal(DatasetSplit.Fingerprint(train), lineage.DatasetSha256);
        var markdown = File.ReadAllText(Path.Combine(run.Models.VersionDirectory(RetrainingRun.ExpectedVersion), "MODEL_CARD.md"));
        Assert.Contains("## Lineage", markdown);
        Assert.Contains($"`{lineage.Parent}`", markdown);
    }

    [Fact]
    public void The_corrections_join_the_train_photos_and_each_gets_an_out_of_fold_prediction()
    {
        run.Succeeded();

        var training = Card.Training!;
        Assert.Equal(RetrainingRun.TrainPhotos + RetrainingRun.UsableCorrections, training.TrainImages);
        Assert.Equal(training.TrainImages, training.ValidationImages);
        Assert.StartsWith("temperature scaling on 2-fold out-of-fold predictions", Card.Calibration!.Method);
        Assert.Contains($"{RetrainingRun.UsableCorrections} photos from staff reviews", training.Dataset);
    }

    [Fact]
    public void The_test_photo_among_the_corrections_is_left_out()
    {
        var result = run.Succeeded();

        Assert.Contains("1 of 5 corrections left out", Regex.Replace(result.Output, @"\s+", " ")); // the console wraps lines
        Assert.Equal(RetrainingRun.UsableCorrections, Card.Lineage!.Corrections);
    }

    [Fact]
    public void It_is_registered_as_a_candidate_and_production_is_unchanged()
    {
        run.Succeeded();

        var state = run.Models.Registry.Read();
        Assert.Equal(run.ProductionBefore!.Production, state.Production);
        Assert.Equal(run.ProductionSha256, ModelsFolder.Sha256OfFile(ProductionModel.In(run.Models).ModelPath));
        Assert.Equal(VersionStatuses.Candidate, ModelRegistry.StatusOf(state, RetrainingRun.ExpectedVersion));
        var registered = Assert.Single(state.History, e => e.Version == RetrainingRun.ExpectedVersion);
        Assert.Equal(RegistryActions.Register, registered.Action);
        Assert.False(string.IsNullOrEmpty(registered.By));
        Assert.Contains(run.ProductionBefore.Production, registered.Reason);
        Assert.Contains(run.Models.Registry.List(), v => v.Version == RetrainingRun.ExpectedVersion && v.Status == VersionStatuses.Candidate);
    }

    [Fact]
    public void The_new_model_classifies_through_the_serving_path_as_training_computed()
    {
        run.Succeeded();

        using var classifier = ImageClassifier.Load(run.Models.Resolve(RetrainingRun.ExpectedVersion));
        var parity = JsonSerializer.Deserialize<ParityEntry[]>(
            File.ReadAllText(Path.Combine(run.Models.VersionDirectory(RetrainingRun.ExpectedVersion), "parity.json")), ModelsFolder.Json)!;
        Assert.Equal(classifier.Card.Labels.Count, parity.Length);
        foreach (var entry in parity)
        {
            var prediction = classifier.Classify([File.ReadAllBytes(Path.Combine(run.Dataset, entry.File))]).Single().Prediction!;
            Assert.Contains(prediction.Label, classifier.Card.Labels);
            for (var k = 0; k < entry.Probabilities.Length; k++)
                Assert.Equal(entry.Probabilities[k], prediction.Probabilities[k], 1e-4f);
        }
    }
}
