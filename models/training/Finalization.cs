using System.Security.Cryptography;
using System.Text.Json;
using Returns.Inference;
using Returns.Models;
using Spectre.Console;

namespace Returns.Training;

/// <summary>
/// Step 3 of training: installs the fine-tuned model as a version folder, scores the test split once through the
/// serving path (the first and only time training looks at it), and writes the card, parity fixture and registry.
/// </summary>
public sealed class Finalization(FinalizationRequest request)
{
    private sealed record HeldOut(int Images, double Accuracy, double Temperature, double CalibrationErrorBefore,
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

        var versionDirectory = Directory.CreateDirectory(Path.Combine(request.Models.FullName, request.Version)).FullName;
        var modelPath = Path.Combine(versionDirectory, "model.onnx");
        File.Copy(Path.Combine(work, "model.onnx"), modelPath, overwrite: true);
        var card = new ModelCard
        {
            Name = request.Name,
            Version = request.Version,
            Sha256 = ModelsFolder.Sha256OfFile(modelPath),
            Labels = manifest.Labels,
            Input = manifest.Input,
        };

        var test = TestSplitEvaluation.Run(card, modelPath, testImages, training.HeldOut.Accuracy);
        var threshold = training.HeldOut.ReviewThreshold;
        var accepted = test.Scored.Where(s => s.Confidence >= threshold).ToArray();
        card = card with
        {
            Evaluation = test.Metrics with { HeldOutRiskCoverage = training.HeldOut.RiskCoverage },
            Baseline = test.Baseline,
            Calibration = new ModelCalibration("temperature scaling on held-out train photos", training.HeldOut.Temperature,
                training.HeldOut.CalibrationErrorBefore, training.HeldOut.CalibrationErrorAfter, test.CalibrationError),
            Review = new ReviewPolicy(training.HeldOut.TargetAccuracy, threshold,
                training.HeldOut.ReviewCoverage, training.HeldOut.ReviewAccuracy,
                Math.Round(accepted.Length / (double)test.Scored.Count, 4),
                Math.Round(accepted.Length == 0 ? 0 : accepted.Count(s => s.Correct) / (double)accepted.Length, 4)),
            Training = new TrainingRecord
            {
                TrainedAt = DateTimeOffset.UtcNow,
                Dataset = "clothing-small (CC0), train split",
                TrainDataSha256 = manifest.TrainDataSha256,
                TrainImages = manifest.Fit.Length + manifest.Validation.Length,
                ValidationImages = manifest.Validation.Length,
                Backbone = Path.GetFileName(request.Backbone.FullName),
                BackboneSha256 = manifest.BackboneSha256,
                Head = training.Tail,
                Hyperparameters = new Dictionary<string, string>(training.Hyperparameters)
                {
                    ["inputSize"] = manifest.Input.Width.ToString(), ["frozenThrough"] = $"features[{manifest.TrunkBlock}] (int8)",
                    ["viewsPerPhoto"] = manifest.ViewsPerImage.ToString(), ["splitSeed"] = manifest.Seed.ToString(),
                },
                DurationSeconds = request.Seconds,
                Command = request.CommandLine,
            },
        };

        File.WriteAllText(Path.Combine(versionDirectory, ModelsFolder.CardFile), JsonSerializer.Serialize(card, ModelsFolder.Json) + "\n");
        File.WriteAllText(Path.Combine(versionDirectory, "MODEL_CARD.md"), ModelCardMarkdown.Render(card));
        WriteParity(Path.Combine(versionDirectory, "parity.json"), training.Parity, manifest);
        if (request.Promote)
            File.WriteAllText(Path.Combine(request.Models.FullName, ModelsFolder.RegistryFile),
                JsonSerializer.Serialize(new { production = request.Version }, ModelsFolder.Json) + "\n");

        AnsiConsole.MarkupLine($"[bold green]test accuracy {test.Metrics.Accuracy:P2}[/] on {testImages.Count} images " +
            $"(held out of train: {training.HeldOut.Accuracy:P2}); review under {threshold:P0}: {card.Review.TestCoverage:P0} auto-accepted at {card.Review.TestAccuracy:P2}");
        AnsiConsole.WriteLine($"wrote {versionDirectory}");
        return 0;
    }

    private void WriteParity(string path, ParityProbabilities[] parity, Extraction.Manifest manifest)
    {
        var entries = parity.Select((p, i) => new ParityEntry(p.File,
            Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(request.Dataset.FullName, p.File)))),
            manifest.Labels[manifest.ParityLabels[i]], p.Probabilities)).ToArray();
        File.WriteAllText(path, JsonSerializer.Serialize(entries, ModelsFolder.Json) + "\n");
    }

    private static T Read<T>(string path) =>
        JsonSerializer.Deserialize<T>(File.ReadAllText(path), ModelsFolder.Json) ?? throw new InvalidDataException($"{path} is empty");
}

public sealed record FinalizationRequest(DirectoryInfo Dataset, FileInfo Backbone, DirectoryInfo Work, DirectoryInfo Models,
    string Name, string Version, double Seconds, bool Promote, string CommandLine);
