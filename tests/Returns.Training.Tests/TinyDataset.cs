using Returns.Testing;

namespace Returns.Training.Tests;

/// <summary>A few photos per class of clothing-small, in its layout (train/&lt;class&gt;, test/&lt;class&gt;), so that
/// the real training command runs in seconds.</summary>
public static class TinyDataset
{
    public static string? SkipReason => Directory.Exists(Path.Combine(RepoPaths.Dataset, "train")) && Directory.Exists(Path.Combine(RepoPaths.Dataset, "test"))
        ? null
        : $"clothing-small not found at {RepoPaths.Dataset} (set RETURNS_DATASET); retraining NOT checked";

    /// <summary>The first photos of each class, by name.</summary>
    public static string Create(string directory, int trainPerClass, int testPerClass)
    {
        foreach (var (split, count) in new[] { ("train", trainPerClass), ("test", testPerClass) })
            foreach (var label in Classes())
            {
                var target = Directory.CreateDirectory(Path.Combine(directory, split, label)).FullName;
                foreach (var photo in Photos(split, label).Take(count))
                    File.Copy(photo, Path.Combine(target, Path.GetFileName(photo)));
            }
        return directory;
    }

    public static IReadOnlyList<string> Classes() =>
        Directory.GetDirectories(Path.Combine(RepoPaths.Dataset, "train")).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal).ToArray();

    /// <summary>The photos of a class of the full dataset, in the order <see cref="Create"/> takes them.</summary>
    public static IReadOnlyList<string> Photos(string split, string label) =>
        Directory.GetFiles(Path.Combine(RepoPaths.Dataset, split, label)).Order(StringComparer.Ordinal).ToArray();
}
