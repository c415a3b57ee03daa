using System.Diagnostics;
using System.Globalization;
using Returns.Classifier;
using Returns.Inference.Imaging;
using Returns.Inference;
using Returns.Models;
using Returns.Contracts;
using Returns.Testing;

namespace Returns.Benchmarks;

/// <summary>
/// `quality`: chooses the photo-quality gate's thresholds on a split of clothing-small (train by default) and reports
/// what the configured ones catch. Every photo is measured as served, then degraded each way (seeded by its position,
/// so a rerun gives the same figures) and measured again.
/// </summary>
public static class QualityThresholds
{
    /// <summary>Each check: the degradation it exists for, the measure it reads, and which side of the limit is bad.</summary>
    private sealed record Check(string Reason, Degradation Target, string Measure, Func<PhotoMeasures, double> Value, bool LowIsBad,
        Func<PhotoQualityOptions, double> Configured);

    private static readonly Check[] Checks =
    [
        new(RetakeReasons.TooDark, Degradation.Dark, "brightness", m => m.Brightness, LowIsBad: true, o => o.MinBrightness),
        new(RetakeReasons.Overexposed, Degradation.Overexposed, "centre clipped", m => m.CentreClipped, LowIsBad: false, o => o.MaxCentreClipped),
        new(RetakeReasons.Blank, Degradation.BlankCrop, "contrast", m => m.Contrast, LowIsBad: true, o => o.MinContrast),
        new(RetakeReasons.Blurred, Degradation.Blurred, "sharpness", m => m.Sharpness, LowIsBad: true, o => o.MinSharpness),
    ];

    private static readonly Dictionary<Degradation, string> Expected = new()
    {
        [Degradation.Dark] = RetakeReasons.TooDark, [Degradation.Overexposed] = RetakeReasons.Overexposed,
        [Degradation.Blurred] = RetakeReasons.Blurred, [Degradation.BlankCrop] = RetakeReasons.Blank, [Degradation.GreyFrame] = RetakeReasons.Blank,
    };

    /// <summary>The share of ordinary photos on the wrong side of the tail each threshold keeps its distance from.</summary>
    private const double OrdinaryTail = 0.001;

    public static void Run(string[] args)
    {
        var split = Option(args, "--split") ?? "train";
        var folder = Path.Combine(Option(args, "--dataset") ?? RepoPaths.Dataset, split);
        var photos = Directory.GetDirectories(folder).Order(StringComparer.Ordinal)
            .SelectMany(d => Directory.GetFiles(d).Order(StringComparer.Ordinal)).ToArray();
        var spec = ProductionModel.InRepository().Card.Input;
        Console.WriteLine($"{photos.Length} photos of {folder}, measured at the production model's input ({spec.Width}×{spec.Height}, {spec.Resize})");

        var clock = Stopwatch.StartNew();
        var (ordinary, degraded) = MeasureAll(photos, new ImagePreprocessor(spec));
        Console.WriteLine($"measured {photos.Length * (1 + DegradedPhotos.All.Length)} photos in {clock.Elapsed.TotalSeconds:F0} s\n");

        PrintDerivation(ordinary, degraded);
        PrintCatchRates(photos, ordinary, degraded, new PhotoQualityOptions());
    }

    private static (PhotoMeasures[] Ordinary, Dictionary<Degradation, PhotoMeasures[]> Degraded) MeasureAll(string[] photos,
        ImagePreprocessor preprocessor)
    {
        var ordinary = new PhotoMeasures[photos.Length];
        var degraded = DegradedPhotos.All.ToDictionary(d => d, _ => new PhotoMeasures[photos.Length]);
        Parallel.For(0, photos.Length, () => new float[preprocessor.Spec.TensorLength], (i, _, tensor) =>
        {
            var bytes = File.ReadAllBytes(photos[i]);
            ordinary[i] = Measure(preprocessor, bytes, tensor);
            foreach (var degradation in DegradedPhotos.All)
                degraded[degradation][i] = Measure(preprocessor, DegradedPhotos.Make(bytes, degradation, seed: i), tensor);
            return tensor;
        }, _ => { });
        return (ordinary, degraded);
    }

    private static PhotoMeasures Measure(ImagePreprocessor preprocessor, byte[] bytes, float[] tensor) =>
        preprocessor.Preprocess(bytes, tensor) is { Succeeded: true } decoded ? decoded.Quality : throw new InvalidDataException("undecodable photo");

    /// <summary>Each threshold lies halfway between the worst 0.1 % of ordinary photos and the median photo with the
    /// degradation it targets, rounded to two significant figures: as far from one as from the other.</summary>
    private static void PrintDerivation(PhotoMeasures[] ordinary, Dictionary<Degradation, PhotoMeasures[]> degraded)
    {
        var configured = new PhotoQualityOptions();
        Console.WriteLine("| check | measure | worst 0.1 % of ordinary photos | median degraded photo | derived threshold | configured |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var check in Checks)
        {
            var tail = Quantile(ordinary.Select(check.Value), check.LowIsBad ? OrdinaryTail : 1 - OrdinaryTail);
            var typical = Quantile(degraded[check.Target].Select(check.Value), 0.5);
            var derived = TwoSignificantFigures((tail + typical) / 2);
            Console.WriteLine($"| {check.Reason} | {check.Measure} {(check.LowIsBad ? "<" : ">")} | {N(tail)} | {N(typical)} ({check.Target}) | " +
                $"{N(derived)} | {N(check.Configured(configured))} |");
        }
        Console.WriteLine();
    }

    private static void PrintCatchRates(string[] photos, PhotoMeasures[] ordinary, Dictionary<Degradation, PhotoMeasures[]> degraded,
        PhotoQualityOptions limits)
    {
        Console.WriteLine("| photos | needs_retake | with the expected reason | reasons |");
        Console.WriteLine("|---|---|---|---|");
        var flagged = ordinary.Select((m, i) => (Photo: photos[i], Retake: PhotoQuality.Judge(m, limits))).Where(f => f.Retake is not null).ToArray();
        Console.WriteLine($"| ordinary (false retakes) | {Share(flagged.Length, ordinary.Length)} | – | {Reasons(flagged.Select(f => f.Retake))} |");
        foreach (var (degradation, measures) in degraded)
        {
            var retakes = measures.Select(m => PhotoQuality.Judge(m, limits)).ToArray();
            Console.WriteLine($"| {degradation} | {Share(retakes.Count(r => r is not null), retakes.Length)} | " +
                $"{Share(retakes.Count(r => r?.Reason == Expected[degradation]), retakes.Length)} ({Expected[degradation]}) | {Reasons(retakes)} |");
        }
        foreach (var (photo, retake) in flagged)
            Console.WriteLine($"  ordinary photo caught: {Path.GetRelativePath(Path.GetDirectoryName(Path.GetDirectoryName(photo)!)!, photo)}: " +
                $"{retake!.Reason}, {retake.Detail}");
    }

    private static string Reasons(IEnumerable<Retake?> retakes) => string.Join(", ",
        retakes.Where(r => r is not null).GroupBy(r => r!.Reason).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}"));

    private static double Quantile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        var position = p * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
    }

    private static double TwoSignificantFigures(double value) =>
        value == 0 ? 0 : Math.Round(value, Math.Max(0, 1 - (int)Math.Floor(Math.Log10(Math.Abs(value)))));

    private static string Share(int count, int total) => $"{count}/{total} ({(double)count / total:P1})";

    private static string N(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
