namespace Returns.Testing;

/// <summary>A private copy of the repository's model versions and registry, for tests that promote, roll back or add
/// versions (a broken candidate, a retrained one).</summary>
public static class ModelsCopy
{
    public const string Production = "clothing-mobilenetv2-v4";
    public const string Previous = "clothing-mobilenetv2-v2";

    public static string Create(string directory)
    {
        Directory.CreateDirectory(directory);
        File.Copy(Path.Combine(RepoPaths.Models, "registry.json"), Path.Combine(directory, "registry.json"), overwrite: true);
        foreach (var version in new[] { Production, Previous })
            CopyVersion(Path.Combine(RepoPaths.Models, version), Path.Combine(directory, version));
        return directory;
    }

    public static void CopyVersion(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in new[] { "model.onnx", "model-card.json" })
            File.Copy(Path.Combine(from, file), Path.Combine(to, file), overwrite: true);
    }
}
