using System.Security.Cryptography;

namespace Returns.Training;

public sealed record LabelledImage(string Path, string RelativePath, int Label);

public static class DatasetSplit
{
    /// <summary>Lists <paramref name="split"/>/&lt;class&gt;/*.jpg in a stable order; labels are class folders sorted ordinally.</summary>
    public static (IReadOnlyList<string> Labels, IReadOnlyList<LabelledImage> Images) Read(DirectoryInfo dataset, string split)
    {
        var root = Path.Combine(dataset.FullName, split);
        var labels = Directory.GetDirectories(root).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();
        var images = labels
            .SelectMany((label, index) => Directory.GetFiles(Path.Combine(root, label))
                .Order(StringComparer.Ordinal)
                .Select(path => new LabelledImage(path, Path.GetRelativePath(dataset.FullName, path).Replace('\\', '/'), index)))
            .ToArray();
        return (labels, images);
    }

    /// <summary>Holds out <paramref name="fraction"/> of each class, chosen by a seeded shuffle.</summary>
    public static (LabelledImage[] Train, LabelledImage[] Validation) Stratified(IReadOnlyList<LabelledImage> images, double fraction, int seed)
    {
        var random = new Random(seed);
        var train = new List<LabelledImage>();
        var validation = new List<LabelledImage>();
        foreach (var group in images.GroupBy(i => i.Label).OrderBy(g => g.Key))
        {
            var shuffled = group.ToArray();
            random.Shuffle(shuffled);
            var held = (int)Math.Round(shuffled.Length * fraction);
            validation.AddRange(shuffled.Take(held));
            train.AddRange(shuffled.Skip(held));
        }
        return (train.ToArray(), validation.ToArray());
    }

    /// <summary>A fingerprint of exactly which bytes a model was trained on.</summary>
    public static string Fingerprint(IEnumerable<LabelledImage> images)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var image in images.OrderBy(i => i.RelativePath, StringComparer.Ordinal))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(image.RelativePath + "\n"));
            hash.AppendData(SHA256.HashData(File.ReadAllBytes(image.Path)));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
