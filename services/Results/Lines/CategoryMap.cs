using System.Text.Json;

namespace Returns.Results.Lines;

/// <summary>The retailer's words for what was returned, mapped to the model's labels: first the declared category
/// ("Tops" → t-shirt, shirt, longsleeve), else the longest matching SKU prefix. Both ignore case. What maps to nothing
/// is unmapped, and the verdict says so (never dropped).</summary>
public sealed class CategoryMap
{
    private readonly Dictionary<string, string[]> categories;
    private readonly (string Prefix, string[] Labels)[] skuPrefixes;

    public CategoryMap(IReadOnlyDictionary<string, string[]> categories, IReadOnlyDictionary<string, string[]> skuPrefixes)
    {
        this.categories = categories.ToDictionary(c => c.Key.Trim(), c => c.Value, StringComparer.OrdinalIgnoreCase);
        this.skuPrefixes = skuPrefixes.OrderByDescending(p => p.Key.Length).Select(p => (p.Key, p.Value)).ToArray();
    }

    /// <summary>The labels a line's declaration stands for; empty when neither its category nor its SKU maps.</summary>
    public IReadOnlyList<string> LabelsFor(string declaredCategory, string sku)
    {
        if (categories.TryGetValue(declaredCategory.Trim(), out var labels))
            return labels;
        foreach (var (prefix, prefixLabels) in skuPrefixes)
            if (sku.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                return prefixLabels;
        return [];
    }

    public static CategoryMap Read(string path)
    {
        using var file = File.OpenRead(path);
        var read = JsonSerializer.Deserialize<MapFile>(file, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidDataException($"{path} is empty");
        return new CategoryMap(read.Categories ?? [], read.SkuPrefixes ?? []);
    }

    private sealed record MapFile(Dictionary<string, string[]>? Categories, Dictionary<string, string[]>? SkuPrefixes);
}
