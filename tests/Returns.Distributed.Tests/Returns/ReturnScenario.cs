using Returns.Contracts;
using Returns.Testing;

namespace Returns.Distributed.Tests.Returns;

/// <summary>50 returns, 120 lines, 300 distinct photos (sample photos re-encoded), each line's photos of one label and
/// declared in the retailer's words for that label, except: one line declared a dress whose photos show shoes, one
/// line in a category nothing maps, and one line mapped only by its SKU prefix.</summary>
public sealed class ReturnScenario
{
    public static readonly IReadOnlyDictionary<string, string> CategoryOf = new Dictionary<string, string>
    {
        ["dress"] = "Dresses", ["hat"] = "Hats", ["longsleeve"] = "Tops", ["outwear"] = "Outerwear", ["pants"] = "Trousers",
        ["shirt"] = "Shirts", ["shoes"] = "Shoes", ["shorts"] = "Shorts", ["skirt"] = "Skirts", ["t-shirt"] = "Tops",
    };

    public required IReadOnlyList<ReturnRegistered> Returns { get; init; }
    /// <summary>(return id, line id) → the photos of that line.</summary>
    public required IReadOnlyDictionary<(string ReturnId, string LineId), IReadOnlyList<byte[]>> Photos { get; init; }
    public (string ReturnId, string LineId) Mismatched => ("R-000", "1");
    public (string ReturnId, string LineId) Unmapped => ("R-001", "1");

    public int LineCount => Returns.Sum(r => r.Lines.Count);

    public static ReturnScenario Create()
    {
        var samples = Enumerable.Range(0, 30).Select(RepoPaths.SamplePhoto)
            .GroupBy(path => Path.GetFileName(path)[..Path.GetFileName(path).LastIndexOf('-')])
            .ToDictionary(g => g.Key, g => g.Select(File.ReadAllBytes).ToArray());
        var labels = samples.Keys.Order(StringComparer.Ordinal).ToArray();
        var returns = new List<ReturnRegistered>();
        var photos = new Dictionary<(string, string), IReadOnlyList<byte[]>>();
        var used = labels.ToDictionary(l => l, _ => 0); // k-th photo of a label: sample k % 3 at quality 97 - k / 3, all distinct
        var lineNumber = 0;
        for (var r = 0; r < 50; r++)
        {
            var returnId = $"R-{r:D3}";
            var lines = new List<ReturnLine>();
            for (var l = 1; l <= (r < 20 ? 3 : 2); l++, lineNumber++)
            {
                var label = labels[lineNumber % labels.Length];
                var shown = (returnId, l) == ("R-000", 1) ? "shoes" : label;
                var declared = (returnId, l) switch
                {
                    ("R-000", 1) => "Dresses",
                    ("R-001", 1) => "Garden furniture",
                    ("R-002", 1) => "Misc",
                    _ => CategoryOf[label],
                };
                var sku = (returnId, l) == ("R-002", 1) ? "DR-4711" : $"SKU-{lineNumber:D4}";
                if ((returnId, l) == ("R-002", 1))
                    shown = "dress";
                lines.Add(new ReturnLine(l.ToString(), sku, declared));
                var count = lineNumber % 2 == 0 ? 3 : 2;
                photos[(returnId, l.ToString())] = Enumerable.Range(0, count)
                    .Select(_ => used[shown]++)
                    .Select(k => BadImages.Variant(samples[shown][k % samples[shown].Length], quality: 97 - k / samples[shown].Length))
                    .ToArray();
            }
            returns.Add(new ReturnRegistered { ReturnId = returnId, OrderId = $"O-{r:D5}", Lines = lines });
        }
        return new ReturnScenario { Returns = returns, Photos = photos };
    }
}
