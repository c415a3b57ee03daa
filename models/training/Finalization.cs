using System.Text.Json;
using Returns.Contracts;
using Returns.Inference;
using Returns.Models;
using Spectre.Console;

namespace Returns.Training;

/// <summary>
/// Step 3 of training: installs the fine-tuned model as a new version folder, scores the test split once through the
/// serving path (the first and only time training looks at it), writes the card and parity fixture, and registers the
/// version as a candidate. Promotion is a person's decision, through `returns model promote` and its gate.
/// </summary>
public sealed class Finalization(FinalizationRequest request)
{
    /// <param name="Method">Which predictions the temperature and threshold were fitted on (out-of-fold over all of train).</param>
    private sealed record HeldOut(string Method, int Images, double Accuracy, double Temperature, double CalibrationErrorBefore,
        double CalibrationErrorAfter, double TargetAccuracy, double ReviewThreshold, double ReviewCoverage, double ReviewAccuracy,
        RiskCoveragePoint[] RiskCoverage);

    private sealed record ParityProbabilities(string File, float[] Probabilities);

    private sealed record TrainingResult(HeldOut HeldOut, Dictionary<string, string> Hyperparameters, string Tail,
        ParityProbabilities[] Parity, double Seconds);

    public sealed record ParityEntry(string File, string Sha256, string Label, float[] Probabilities);

    public int Run()
    {
        var work = request.Work.FullName;
        var manifest = Read<Extraction.Manifest>(Path.Combine(work, "manifest.json"));
        var training = Read<TrainingResult>(Path.Combine(work, "training.json"));
        var (_, testImages) = DatasetSplit.Read(request.Dataset, "test");
        var models = new ModelsFolder(request.Models.FullName);
        TrainingTarget.RefuseExisting(models, manifest.Version);

        var versionDirectory = Directory.CreateDirectory(models.VersionDirectory(manifest.Version)).FullName;
        try
        {
            var card = WriteVersion(versionDirectory, manifest, training, testImages);
            var registered = models.Registry.Register(card.Version, Environment.UserName, RegistrationReason(manifest.Lineage), DateTimeOffset.UtcNow);
            AnsiConsole.MarkupLineInterpolated($"[bold green]test accuracy {card.Evaluation!.Accuracy:P2}[/] on {testImages.Count} images (held out of train: {training.HeldOut.Accuracy:P2})");
            AnsiConsole.MarkupLineInterpolated($"review under {card.Review!.Threshold:P0}: {card.Review.TestCoverage:P0} auto-accepted at {card.Review.TestAccuracy:P2}");
            AnsiConsole.MarkupLineInterpolated($"wrote {versionDirectory}; registered as a candidate ({registered.Reason})");
            AnsiConsole.MarkupLineInterpolated($"next: returns model show {card.Version}, then returns model promote {card.Version} --reason \"…\"");
            return 0;
        }
        catch when (!File.Exists(Path.Combine(versionDirectory, ModelsFolder.CardFile)))
        {
            Directory.Delete(versionDirectory, recursive: true); // no card yet: nothing can have seen this version
            throw;
        }
    }

    /// <summary>Writes model.onnx, the parity fixture, MODEL_CARD.md and, last, model-card.json: the folder counts as a
    /// version only once it has its card (<see cref="ModelsFolder.Versions"/>), so no reader sees half of it.</summary>
    private ModelCard WriteVersion(string versionDirectory, Extraction.Manifest manifest, TrainingResult training, IReadOnlyList<LabelledImage> testImages)
    {
        var modelPath = Path.Combine(versionDirectory, "model.onnx");
        File.Copy(Path.Combine(request.Work.FullName, "model.onnx"), modelPath);
        var card = new ModelCard
        {
            Name = request.Name,
            Version = manifest.Version,
            Sha256 = ModelsFolder.Sha256OfFile(modelPath),
            Labels = manifest.Labels,
            Input = manifest.Input,
            Lineage = manifest.Lineage,
        };

        var test = TestSplitEvaluation.Run(card, modelPath, testImages, training.HeldOut.Accuracy);
        var threshold = training.HeldOut.ReviewThreshold;
        var accepted = test.Scored.Where(s => s.Confidence >= threshold).ToArray();
        card = card with
        {
            Evaluation = test.Metrics with { HeldOutRiskCoverage = training.HeldOut.RiskCoverage },
            Baseline = test.Baseline,
            Calibration = new ModelCalibration($"temperature scaling on {training.HeldOut.Method}", training.HeldOut.Temperature,
                training.HeldOut.CalibrationErrorBefore, training.HeldOut.CalibrationErrorAfter, test.CalibrationError),
            Review = new ReviewPolicy(training.HeldOut.TargetAccuracy, threshold,
                training.HeldOut.ReviewCoverage, training.HeldOut.ReviewAccuracy,
                Math.Round(accepted.Length / (double)test.Scored.Count, 4),
                Math.Round(accepted.Length == 0 ? 0 : accepted.Count(s => s.Correct) / (double)accepted.Length, 4)),
            Training = new TrainingRecord
            {
                TrainedAt = DateTimeOffset.UtcNow,
                Dataset = DatasetDescription(manifest),
                TrainDataSha256 = manifest.TrainDataSha256,
                TrainImages = manifest.Fit.Length,
                ValidationImages = training.HeldOut.Images,
                Backbone = Path.GetFileName(request.Backbone.FullName),
                BackboneSha256 = manifest.BackboneSha256,
                Head = training.Tail,
                Hyperparameters = new Dictionary<string, string>(training.Hyperparameters)
                {
                    ["inputSize"] = manifest.Input.Width.ToString(),
                    ["viewsPerPhoto"] = manifest.ViewsPerImage.ToString(), ["splitSeed"] = manifest.Seed.ToString(),
                },
                DurationSeconds = request.Seconds,
                Command = request.CommandLine,
            },
        };

        WriteParity(Path.Combine(versionDirectory, "parity.json"), training.Parity, manifest);
        File.WriteAllText(Path.Combine(versionDirectory, "MODEL_CARD.md"), ModelCardMarkdown.Render(card));
        var cardPath = Path.Combine(versionDirectory, ModelsFolder.CardFile);
        File.WriteAllText(cardPath + ".partial", JsonSerializer.Serialize(card, ModelsFolder.Json) + "\n");
        File.Move(cardPath + ".partial", cardPath);
        return card;
    }

    private static string DatasetDescription(Extraction.Manifest manifest) => manifest.Lineage.Corrections == 0
        ? "clothing-small (CC0), train split"
        : $"clothing-small (CC0), train split + {manifest.Lineage.Corrections} photos from staff reviews " +
          $"({manifest.CorrectionsRelabelled} relabelled, {manifest.Lineage.Corrections - manifest.CorrectionsRelabelled} confirmed), fit part only";

    private static string RegistrationReason(DataLineage lineage) =>
        $"trained by models/training/train.sh after {lineage.Parent}, with {lineage.Corrections} corrections";

    private void WriteParity(string path, ParityProbabilities[] parity, Extraction.Manifest manifest)
    {
        var entries = parity.Select((p, i) => new ParityEntry(p.File,
            ImageId.Of(File.ReadAllBytes(Path.Combine(request.Dataset.FullName, p.File))),
            manifest.Labels[manifest.ParityLabels[i]], p.Probabilities)).ToArray();
        File.WriteAllText(path, JsonSerializer.Serialize(entries, ModelsFolder.Json) + "\n");
    }

    private static T Read<T>(string path) =>
        JsonSerializer.Deserialize<T>(File.ReadAllText(path), ModelsFolder.Json) ?? throw new InvalidDataException($"{path} is empty");
}

public sealed record FinalizationRequest(DirectoryInfo Dataset, FileInfo Backbone, DirectoryInfo Work, DirectoryInfo Models,
    string Name, double Seconds, string CommandLine);
