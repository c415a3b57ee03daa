using System.Text.Json;
using Google.Protobuf;
using Returns.Inference.Imaging;
using Returns.Inference;
using Returns.Models;
using Spectre.Console;

namespace Returns.Training;

/// <summary>
/// Step 1 of training: split train (seeded, stratified), then write the frozen trunk's feature maps for the fit part
/// (augmented views), the held-out part and the parity photos, with a manifest the fine-tuning step reads.
/// </summary>
public sealed class Extraction(ExtractionRequest request)
{
    public sealed record Manifest(
        IReadOnlyList<string> Labels, ModelInputSpec Input, int TrunkBlock, int ViewsPerImage, int Seed,
        string BackboneSha256, string TrainDataSha256, string[] Fit, int[] FitLabels, string[] Validation,
        int[] ValidationLabels, string[] Parity, int[] ParityLabels);

    public int Run()
    {
        var (labels, trainImages) = DatasetSplit.Read(request.Dataset, "train");
        var (testLabels, testImages) = DatasetSplit.Read(request.Dataset, "test");
        if (!labels.SequenceEqual(testLabels))
            throw new InvalidDataException("train and test splits have different classes");
        var (fit, validation) = DatasetSplit.Stratified(trainImages, request.ValidationFraction, request.Seed);
        var parity = testImages.GroupBy(i => i.Label).Select(g => g.First()).ToArray();
        AnsiConsole.MarkupLine($"[bold]{labels.Count} classes[/]: {fit.Length} to fit ({request.Views} views each), {validation.Length} held out");

        var work = Directory.CreateDirectory(request.Work.FullName).FullName;
        var backbone = File.ReadAllBytes(request.Backbone.FullName);
        var trunkModel = OnnxGraphSurgery.Trunk(backbone, request.TrunkBlock).ToByteArray();
        File.WriteAllBytes(Path.Combine(work, "trunk.onnx"), trunkModel);
        var spec = new ModelInputSpec { Width = request.InputSize, Height = request.InputSize, Resize = ResizeModes.Squash, ResizeShortSide = request.InputSize * 256 / 224 };
        using var trunk = new OnnxModelRunner(trunkModel, spec.Name, OnnxGraphSurgery.TrunkName, [3, spec.Height, spec.Width]);
        var maps = new TrunkMaps(trunk, new ImagePreprocessor(spec));

        var augment = new Augmentation(request.Seed);
        maps.Write(Path.Combine(work, "fit.npy"), fit, i => augment.Views(i, request.Views), request.Views, "fit (augmented)");
        maps.Write(Path.Combine(work, "validation.npy"), validation, _ => [PhotoView.Whole], 1, "held out");
        maps.Write(Path.Combine(work, "parity.npy"), parity, _ => [PhotoView.Whole], 1, "parity photos");

        var manifest = new Manifest(labels, spec, request.TrunkBlock, request.Views, request.Seed,
            Sha256(backbone), DatasetSplit.Fingerprint(trainImages),
            fit.Select(i => i.RelativePath).ToArray(), fit.Select(i => i.Label).ToArray(),
            validation.Select(i => i.RelativePath).ToArray(), validation.Select(i => i.Label).ToArray(),
            parity.Select(i => i.RelativePath).ToArray(), parity.Select(i => i.Label).ToArray());
        File.WriteAllText(Path.Combine(work, "manifest.json"), JsonSerializer.Serialize(manifest, ModelsFolder.Json));
        AnsiConsole.WriteLine($"wrote {work}");
        return 0;
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
}

public sealed record ExtractionRequest(DirectoryInfo Dataset, FileInfo Backbone, DirectoryInfo Work, int InputSize,
    int TrunkBlock, int Views, double ValidationFraction, int Seed);

/// <summary>The whole photo, its mirror image, then random crops (55–100 % of the area, aspect 3:4–4:3), each
/// mirrored at random; seeded per photo, so a rerun writes the same views.</summary>
public sealed class Augmentation(int seed)
{
    public PhotoView[] Views(int image, int count)
    {
        var random = new Random(seed * 1_000_003 + image);
        var views = new PhotoView[count];
        for (var v = 0; v < count; v++)
        {
            if (v < 2)
            {
                views[v] = PhotoView.Whole with { Mirror = v == 1 };
                continue;
            }
            var area = 0.55 + 0.45 * random.NextDouble();
            var ratio = Math.Exp(Math.Log(0.75) + (Math.Log(4 / 3.0) - Math.Log(0.75)) * random.NextDouble());
            var width = Math.Min(1, Math.Sqrt(area * ratio));
            var height = Math.Min(1, Math.Sqrt(area / ratio));
            views[v] = new PhotoView((float)(random.NextDouble() * (1 - width)), (float)(random.NextDouble() * (1 - height)),
                (float)width, (float)height, random.Next(2) == 1);
        }
        return views;
    }
}
