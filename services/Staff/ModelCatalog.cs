using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Returns.Results;
using Returns.Results.Reports;

namespace Returns.Staff;

/// <summary>What the console needs to know about model versions: which one is in production, its labels (the review
/// keys 1–0 pick them in this order) and the confidence under which its labels go to review.</summary>
public sealed class ModelCatalog(IOptions<ResultsOptions> options)
{
    private readonly ConcurrentDictionary<string, ModelFacts?> facts = new();

    private string Directory => string.IsNullOrEmpty(options.Value.ModelsPath)
        ? Path.Combine(AppContext.BaseDirectory, "models")
        : options.Value.ModelsPath;

    private sealed record Registry(string? Production);

    /// <summary>The version models/registry.json names, or null when there is no registry beside the binaries.</summary>
    public string? Production
    {
        get
        {
            var path = Path.Combine(Directory, "registry.json");
            return File.Exists(path)
                ? JsonSerializer.Deserialize<Registry>(File.ReadAllText(path), new JsonSerializerOptions(JsonSerializerDefaults.Web))?.Production
                : null;
        }
    }

    public ModelFacts? Facts(string version) => facts.GetOrAdd(version, v => ModelFacts.Read(Directory, v));

    public IReadOnlyList<string> Labels(string version) => Facts(version)?.Labels ?? [];

    public double ReviewThreshold(string version) =>
        options.Value.LowConfidenceThreshold ?? Facts(version)?.ReviewThreshold ?? ResultsOptions.FallbackThreshold;
}
