using System.Text.Json;
using Returns.Inference.Imaging;
using Returns.Contracts;
using Returns.Models;
using Spectre.Console;

namespace Returns.Training;

/// <summary>
/// Step 1 of training: settle the version to write and its parent, add the corrections to the train photos, then write
/// the serving preprocessor's input tensors for every one of them (the whole photo first, then augmented views) and for
/// the parity photos, with a manifest (and the data lineage) that the next steps read. Fine-tuning holds photos out
/// itself, fold by fold.
/// </summary>
public sealed class Extraction(ExtractionRequest request)
{
    /// <param name="Version">The version the run will write, settled now (<see cref="TrainingTarget"/>).</param>
    /// <param name="Fit">Dataset photos, then the corrections (<see cref="Lineage"/> counts them), in the order of fit.npy.</param>
    public sealed record Manifest(
        IReadOnlyList<string> Labels, ModelInputSpec Input, int ViewsPerImage, int Seed,
        string BackboneSha256, string TrainDataSha256, string[] Fit, int[] FitLabels,
        string[] Parity, int[] ParityLabels, string Version, DataLineage Lineage, int CorrectionsRelabelled);

    public int Run()
    {
        var target = TrainingTarget.Resolve(new ModelsFolder(request.Models.FullName), request.Name, request.Version, request.Parent);
        var (labels, trainImages) = DatasetSplit.Read(request.Dataset, "train");
        var (testLabels, testImages) = DatasetSplit.Read(request.Dataset, "test");
        if (!labels.SequenceEqual(testLabels))
            throw new InvalidDataException("train and test splits have different classes");
        var corrections = ReadCorrections(labels, testImages);
        var fit = trainImages.Concat(corrections.Select(c => c.Image)).ToArray();
        var parity = testImages.GroupBy(i => i.Label).Select(g => g.First()).ToArray();
        AnsiConsole.MarkupLine($"[bold]{target.Version}[/] after {target.Parent}, {labels.Count} classes: {trainImages.Count} train photos " +
            $"+ {corrections.Count} corrections, {request.Views} views each at {request.InputSize} px");

        var work = Directory.CreateDirectory(request.Work.FullName).FullName;
        var backbone = File.ReadAllBytes(request.Backbone.FullName);
        var spec = WriteViews(work, fit, parity);

        var lineage = new DataLineage(DatasetSplit.Fingerprint(trainImages), corrections.Count,
            corrections.Count == 0 ? null : CorrectionsFolder.Fingerprint(corrections, labels), target.Parent);
        var manifest = new Manifest(labels, spec, request.Views, request.Seed,
            Sha256(backbone), lineage.DatasetSha256,
            fit.Select(i => i.RelativePath).ToArray(), fit.Select(i => i.Label).ToArray(),
            parity.Select(i => i.RelativePath).ToArray(), parity.Select(i => i.Label).ToArray(),
            target.Version, lineage, corrections.Count(c => c.Corrected));
        File.WriteAllText(Path.Combine(work, "manifest.json"), JsonSerializer.Serialize(manifest, ModelsFolder.Json));
        AnsiConsole.WriteLine($"wrote {work}");
        return 0;
    }

    /// <summary>The export's photos, less any that is a test photo: staff review whatever arrives, the sample inbox is
    /// test photos, and a photo learned from must not be one the card's figures are measured on.</summary>
    private IReadOnlyList<ReviewedPhoto> ReadCorrections(IReadOnlyList<string> labels, IReadOnlyList<LabelledImage> heldBack)
    {
        if (request.Corrections is null)
            return [];
        var photos = CorrectionsFolder.Read(request.Corrections, labels);
        var measured = heldBack.Select(i => ImageId.Of(File.ReadAllBytes(i.Path))).ToHashSet(StringComparer.Ordinal);
        var kept = photos.Where(p => !measured.Contains(p.ImageId) && !measured.Contains(ImageId.Of(File.ReadAllBytes(p.Image.Path)))).ToArray();
        if (kept.Length < photos.Count)
            AnsiConsole.MarkupLine($"[yellow]{photos.Count - kept.Length} of {photos.Count} corrections left out: they are test photos[/]");
        return kept;
    }

    private ModelInputSpec WriteViews(string work, LabelledImage[] fit, LabelledImage[] parity)
    {
        var spec = new ModelInputSpec { Width = request.InputSize, Height = request.InputSize, Resize = ResizeModes.Squash, ResizeShortSide = request.InputSize * 256 / 224 };
        var views = new ViewTensors(new ImagePreprocessor(spec));
        var augment = new Augmentation(request.Seed);
        views.Write(Path.Combine(work, "fit.npy"), fit, i => augment.Views(i, request.Views), request.Views, "train photos (augmented)", NpyType.Float16);
        views.Write(Path.Combine(work, "parity.npy"), parity, _ => [PhotoView.Whole], 1, "parity photos", NpyType.Float32);
        return spec;
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
}

/// <param name="Corrections">A corrections export, or null; its photos join the train photos.</param>
/// <param name="Version">null: the next free version (<see cref="TrainingTarget"/>).</param>
/// <param name="Parent">null: the registry's production version.</param>
public sealed record ExtractionRequest(DirectoryInfo Dataset, DirectoryInfo? Corrections, FileInfo Backbone, DirectoryInfo Work,
    DirectoryInfo Models, string Name, string? Version, string? Parent, int InputSize, int Views, int Seed);

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
