using System.Diagnostics;
using System.Text.Json;
using Google.Protobuf;
using Returns.Classifier.Imaging;
using Returns.Classifier.Inference;
using Spectre.Console;

namespace Returns.Training;

/// <summary>Transfer learning: frozen int8 MobileNetV2 features, a softmax head tuned on a held-out part of train.</summary>
public sealed class Trainer(TrainingRequest request)
{
    private readonly FeatureCache cache = new(Path.Combine(request.Models.FullName, "..", ".training-cache"));

    public int Run()
    {
        var clock = Stopwatch.StartNew();
        var (labels, trainImages) = DatasetSplit.Read(request.Dataset, "train");
        var (testLabels, testImages) = DatasetSplit.Read(request.Dataset, "test");
        if (!labels.SequenceEqual(testLabels))
            throw new InvalidDataException("train and test splits have different classes");
        var (fit, validation) = DatasetSplit.Stratified(trainImages, request.ValidationFraction, request.Seed);
        AnsiConsole.MarkupLine($"[bold]{labels.Count} classes[/]: {fit.Length} to fit, {validation.Length} held out, {testImages.Count} test (untouched until the end)");

        var backboneBytes = File.ReadAllBytes(request.Backbone.FullName);
        var backboneSha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(backboneBytes));
        var featureModel = OnnxGraphSurgery.FeatureExtractor(backboneBytes);
        var best = Tune(featureModel, backboneSha, fit, validation, labels.Count);
        using var backbone = Backbone(featureModel, best.Spec);
        AnsiConsole.MarkupLine($"[green]chosen[/]: size={best.Spec.Width}, resize={best.Spec.Resize}, L2={best.L2} (validation accuracy {best.ValidationAccuracy:P2})");

        var all = fit.Concat(validation).ToArray();
        var allFeatures = Features(backbone, backboneSha, best.Spec, all, mirrored: true, "train (all)");
        var head = SoftmaxHead.Train(allFeatures.Vectors, allFeatures.Labels, labels.Count, Settings(best.L2));

        var versionDirectory = Directory.CreateDirectory(Path.Combine(request.Models.FullName, request.Version)).FullName;
        var modelPath = Path.Combine(versionDirectory, "model.onnx");
        var (weights, bias) = head.Fold();
        File.WriteAllBytes(modelPath, OnnxGraphSurgery.WithLinearHead(featureModel, weights, bias, "probabilities").ToByteArray());

        var card = new ModelCard
        {
            Name = request.Name,
            Version = request.Version,
            Sha256 = ModelRegistry.Sha256OfFile(modelPath),
            Labels = labels,
            Input = best.Spec,
        };
        var evaluation = TestSplitEvaluation.Run(card, modelPath, testImages, best.ValidationAccuracy);
        card = card with
        {
            Evaluation = evaluation.Metrics,
            Baseline = evaluation.Baseline,
            Training = new TrainingRecord
            {
                TrainedAt = DateTimeOffset.UtcNow,
                Dataset = "clothing-small (CC0), train split",
                TrainDataSha256 = DatasetSplit.Fingerprint(trainImages),
                TrainImages = all.Length,
                ValidationImages = validation.Length,
                Backbone = Path.GetFileName(request.Backbone.FullName),
                BackboneSha256 = backboneSha,
                Head = "Gemm(1280→10) + Softmax on the dequantised global-average-pooled features; backbone frozen",
                Hyperparameters = new Dictionary<string, string>
                {
                    ["l2"] = best.L2.ToString("G"), ["epochs"] = request.Epochs.ToString(), ["batch"] = "64",
                    ["optimizer"] = "Adam lr=1e-3", ["augmentation"] = "horizontal mirror",
                    ["validationFraction"] = request.ValidationFraction.ToString("G"), ["seed"] = request.Seed.ToString(),
                },
                DurationSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
                Command = request.CommandLine,
            },
        };

        File.WriteAllText(Path.Combine(versionDirectory, ModelRegistry.CardFile), JsonSerializer.Serialize(card, ModelRegistry.Json) + "\n");
        File.WriteAllText(Path.Combine(versionDirectory, "MODEL_CARD.md"), ModelCardMarkdown.Render(card));
        ParityFixture.Write(Path.Combine(versionDirectory, "parity.json"), testImages, labels, backbone, head, new ImagePreprocessor(best.Spec));
        if (request.Promote)
            File.WriteAllText(Path.Combine(request.Models.FullName, ModelRegistry.RegistryFile),
                JsonSerializer.Serialize(new { production = request.Version }, ModelRegistry.Json) + "\n");

        AnsiConsole.MarkupLine($"[bold green]test accuracy {evaluation.Metrics.Accuracy:P2}[/] on {testImages.Count} images; trained in {clock.Elapsed.TotalSeconds:F0} s");
        AnsiConsole.WriteLine($"wrote {modelPath}");
        return 0;
    }

    private sealed record Candidate(ModelInputSpec Spec, double L2, double ValidationAccuracy);

    private static OnnxModelRunner Backbone(Onnx.ModelProto featureModel, ModelInputSpec spec) =>
        new(featureModel.ToByteArray(), spec.Name, OnnxGraphSurgery.FeaturesName, [3, spec.Height, spec.Width]);

    private Candidate Tune(Onnx.ModelProto featureModel, string backboneSha, LabelledImage[] fit, LabelledImage[] validation, int classes)
    {
        var candidates = new List<Candidate>();
        foreach (var size in request.InputSizes)
        foreach (var resize in request.ResizeModes)
        {
            var spec = new ModelInputSpec { Resize = resize, Width = size, Height = size, ResizeShortSide = size * 256 / 224 };
            using var backbone = Backbone(featureModel, spec);
            var fitFeatures = Features(backbone, backboneSha, spec, fit, mirrored: true, $"fit ({resize})");
            var validationFeatures = Features(backbone, backboneSha, spec, validation, mirrored: false, $"validation ({resize})");
            foreach (var l2 in request.L2Candidates)
            {
                var head = SoftmaxHead.Train(fitFeatures.Vectors, fitFeatures.Labels, classes, Settings(l2));
                var predicted = validationFeatures.Vectors.Select(v => Evaluation.ArgMax(head.Predict(v))).ToArray();
                var accuracy = Evaluation.Accuracy(validationFeatures.Labels, predicted);
                AnsiConsole.MarkupLine($"  size={size} resize={resize,-12} L2={l2,-7} validation accuracy {accuracy:P2}");
                candidates.Add(new Candidate(spec, l2, accuracy));
            }
        }
        return candidates.MaxBy(c => c.ValidationAccuracy)!;
    }

    private SoftmaxHead.Settings Settings(double l2) => new(l2, request.Epochs, Seed: request.Seed);

    private FeatureExtractor.Features Features(OnnxModelRunner backbone, string backboneSha, ModelInputSpec spec,
        IReadOnlyList<LabelledImage> images, bool mirrored, string title)
    {
        var key = $"{backboneSha}|{JsonSerializer.Serialize(spec)}|{mirrored}|{string.Join(',', images.Select(i => i.RelativePath))}";
        return cache.GetOrCreate(key, () => new FeatureExtractor(backbone, new ImagePreprocessor(spec)).Extract(images, mirrored, title));
    }
}
