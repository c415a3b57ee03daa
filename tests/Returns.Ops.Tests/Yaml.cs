using YamlDotNet.RepresentationModel;

namespace Returns.Ops.Tests;

/// <summary>Docker is not available here, so the deployment files are checked by parsing them.</summary>
public static class Yaml
{
    public static IReadOnlyList<YamlMappingNode> Documents(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToArray();
    }

    public static YamlNode? At(this YamlNode node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMappingNode map)
                return null;
            node = Lookup(map, key)!;
            if (node is null)
                return null;
        }
        return node;
    }

    /// <summary>A key of the map, or of the maps it merges in with "&lt;&lt;: *anchor".</summary>
    private static YamlNode? Lookup(YamlMappingNode map, string key)
    {
        if (map.Children.TryGetValue(new YamlScalarNode(key), out var child))
            return child;
        return map.Children.TryGetValue(new YamlScalarNode("<<"), out var merged) && merged is YamlMappingNode parent
            ? Lookup(parent, key)
            : null;
    }

    public static string? Text(this YamlNode node, params string[] path) => (node.At(path) as YamlScalarNode)?.Value;
}
