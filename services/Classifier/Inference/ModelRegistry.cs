using System.Security.Cryptography;
using System.Text.Json;

namespace Returns.Classifier.Inference;

/// <summary>models/registry.json names the production version; each version folder holds model.onnx and its card.</summary>
public static class ModelRegistry
{
    public const string RegistryFile = "registry.json";
    public const string CardFile = "model-card.json";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string DefaultModelsDirectory => Path.Combine(AppContext.BaseDirectory, "models");

    public static ModelCard ReadCard(string versionDirectory) =>
        JsonSerializer.Deserialize<ModelCard>(File.ReadAllText(Path.Combine(versionDirectory, CardFile)), Json)
        ?? throw new InvalidDataException($"{versionDirectory}/{CardFile} is empty");

    public static string ProductionVersion(string modelsDirectory)
    {
        var registry = JsonSerializer.Deserialize<Registry>(File.ReadAllText(Path.Combine(modelsDirectory, RegistryFile)), Json);
        return registry?.Production ?? throw new InvalidDataException($"{RegistryFile} names no production model");
    }

    /// <summary>Resolves a version (default: production) and checks the file is the one its card describes.</summary>
    public static (ModelCard Card, string ModelPath) Resolve(string modelsDirectory, string? version = null)
    {
        var versionDirectory = Path.Combine(modelsDirectory, version ?? ProductionVersion(modelsDirectory));
        var card = ReadCard(versionDirectory);
        var modelPath = Path.Combine(versionDirectory, card.File);
        var actual = Sha256OfFile(modelPath);
        if (!string.Equals(actual, card.Sha256, StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException($"{modelPath} has SHA-256 {actual}, its card says {card.Sha256}");
        return (card, modelPath);
    }

    public static string Sha256OfFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private sealed record Registry(string Production);
}
