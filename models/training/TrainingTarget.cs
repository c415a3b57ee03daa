using System.Text.RegularExpressions;
using Returns.Models;

namespace Returns.Training;

/// <summary>
/// The version a training run will write and the version it succeeds, settled by the first step so that a run which
/// would replace an existing version, or names a parent the registry does not know, stops before an hour of training.
/// </summary>
public sealed record TrainingTarget(string Version, string Parent)
{
    /// <param name="version">null: the next free <c>{name}-vN</c> in the models folder.</param>
    /// <param name="parent">null: the registry's production version, the one whose mistakes the corrections fix.</param>
    public static TrainingTarget Resolve(ModelsFolder models, string name, string? version, string? parent)
    {
        version ??= NextFreeVersion(models, name);
        RefuseExisting(models, version);
        parent ??= models.Registry.Read().Production;
        if (models.FindCard(parent) is null)
            throw new InvalidOperationException($"parent {parent} has no card in {models.Path}");
        return new TrainingTarget(version, parent);
    }

    /// <summary>A training run adds a version; it never replaces one, least of all the one in production.</summary>
    public static void RefuseExisting(ModelsFolder models, string version)
    {
        var directory = models.VersionDirectory(version);
        if (Directory.Exists(directory))
            throw new InvalidOperationException($"{directory} already exists: training never replaces a version; choose another --model-version");
    }

    /// <summary>One more than the highest N of the <c>{name}-vN</c> folders, with or without a card (a failed run's
    /// leftover keeps its number).</summary>
    public static string NextFreeVersion(ModelsFolder models, string name)
    {
        var pattern = new Regex($"^{Regex.Escape(name)}-v([0-9]+)$");
        var highest = Directory.Exists(models.Path)
            ? Directory.EnumerateDirectories(models.Path)
                .Select(d => pattern.Match(Path.GetFileName(d)))
                .Where(m => m.Success)
                .Select(m => int.Parse(m.Groups[1].Value))
                .DefaultIfEmpty(0)
                .Max()
            : 0;
        return $"{name}-v{highest + 1}";
    }
}
