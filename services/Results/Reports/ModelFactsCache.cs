using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Returns.Results.Reports;

/// <summary>Each model version's facts, read once from Results:ModelsPath (else the models/ copy beside the
/// binaries): the one place that knows where cards live and which review threshold applies.</summary>
public sealed class ModelFactsCache(IOptions<ResultsOptions> options)
{
    private readonly ConcurrentDictionary<string, ModelFacts?> facts = new(StringComparer.Ordinal);

    public ModelFacts? For(string modelVersion)
    {
        if (facts.TryGetValue(modelVersion, out var known))
            return known;
        var read = ModelFacts.Read(ModelsDirectory, modelVersion);
        // Only versions that have a card are remembered, so forged version names cannot grow the cache.
        return read is null ? null : facts.GetOrAdd(modelVersion, read);
    }

    /// <summary>Under this confidence a classified image of <paramref name="modelVersion"/> needs a person.</summary>
    public double ReviewThreshold(string modelVersion) => options.Value.ReviewThreshold(For(modelVersion));

    private string ModelsDirectory => string.IsNullOrEmpty(options.Value.ModelsPath)
        ? Path.Combine(AppContext.BaseDirectory, "models")
        : options.Value.ModelsPath;
}
