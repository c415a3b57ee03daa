using System.Text.Json;

namespace Returns.Results.Reports;

/// <summary>Reads a model version's drift baseline from its card (models/&lt;version&gt;/model-card.json), if there is one.</summary>
public static class ModelBaselines
{
    private sealed record Card(Baseline? Baseline);

    public static Baseline? Read(string modelsDirectory, string version)
    {
        var path = Path.Combine(modelsDirectory, version, "model-card.json");
        if (!File.Exists(path))
            return null;
        return JsonSerializer.Deserialize<Card>(File.ReadAllText(path), new JsonSerializerOptions(JsonSerializerDefaults.Web))?.Baseline;
    }
}
