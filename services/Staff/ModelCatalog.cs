using Returns.Models;
using Returns.Results.Reports;

namespace Returns.Staff;

/// <summary>What the console needs to know about model versions: which one is in production, its labels (the review
/// keys 1–0 pick them in this order) and the confidence under which its labels go to review.</summary>
public sealed class ModelCatalog(ModelCards cards, ModelFactsCache facts)
{
    public ModelRegistry Registry => cards.Folder.Registry;

    /// <summary>The version the registry names, or null when the models folder has no registry.</summary>
    public string? Production => File.Exists(Path.Combine(cards.Folder.Path, ModelsFolder.RegistryFile)) ? Registry.Read().Production : null;

    public ModelFacts? Facts(string version) => facts.For(version);

    public IReadOnlyList<string> Labels(string version) => Facts(version)?.Labels ?? [];

    public double ReviewThreshold(string version) => facts.ReviewThreshold(version);

    /// <summary>The review threshold of every version in the models folder.</summary>
    public IReadOnlyDictionary<string, double> ReviewThresholds() =>
        cards.Folder.Versions().Distinct(StringComparer.Ordinal).ToDictionary(v => v, ReviewThreshold, StringComparer.Ordinal);
}
