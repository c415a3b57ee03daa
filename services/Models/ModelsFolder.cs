using System.Security.Cryptography;
using System.Text.Json;

namespace Returns.Models;

/// <summary>The models folder: one sub-folder per version (model.onnx and its card) and registry.json. The one place
/// that knows where models live and how a version name maps to files.</summary>
public sealed class ModelsFolder(string path)
{
    public const string RegistryFile = "registry.json";
    public const string CardFile = "model-card.json";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The copy the build puts beside the binaries.</summary>
    public static string BesideBinaries => System.IO.Path.Combine(AppContext.BaseDirectory, "models");

    /// <summary>The configured folder (Models:Path), else the copy beside the binaries.</summary>
    public static ModelsFolder From(string? configured) => new(string.IsNullOrEmpty(configured) ? BesideBinaries : configured);

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public ModelRegistry Registry => new(this);

    /// <summary>A version comes from messages and requests: it names a folder here, never a path.</summary>
    public static bool IsVersionName(string version) =>
        version.Length is > 0 and <= 100 && !version.Contains("..", StringComparison.Ordinal) && version.IndexOfAny(['/', '\\']) < 0;

    public string VersionDirectory(string version) => IsVersionName(version)
        ? System.IO.Path.Combine(Path, version)
        : throw new ArgumentException($"'{version}' is not a model version name", nameof(version));

    /// <summary>Every version with a card, by name.</summary>
    public IReadOnlyList<string> Versions() => Directory.Exists(Path)
        ? Directory.EnumerateDirectories(Path)
            .Where(d => File.Exists(System.IO.Path.Combine(d, CardFile)))
            .Select(d => System.IO.Path.GetFileName(d)!)
            .Order(StringComparer.Ordinal)
            .ToArray()
        : [];

    /// <summary>The card of <paramref name="version"/>, or null when there is none (or the name is not a version).</summary>
    public ModelCard? FindCard(string version)
    {
        if (!IsVersionName(version))
            return null;
        var file = System.IO.Path.Combine(Path, version, CardFile);
        return File.Exists(file) ? ReadCardFile(file) : null;
    }

    public static ModelCard ReadCardFile(string file) =>
        JsonSerializer.Deserialize<ModelCard>(File.ReadAllText(file), Json) ?? throw new InvalidDataException($"{file} is empty");

    /// <summary>A version ready to load: its card read and its file checked against the card's SHA-256.</summary>
    /// <exception cref="ModelUnavailableException">The card or file is missing, or the file is not the one the card describes.</exception>
    public ResolvedModel Resolve(string version)
    {
        if (!IsVersionName(version))
            throw new ModelUnavailableException(version, "not a model version name");
        var directory = VersionDirectory(version);
        var cardFile = System.IO.Path.Combine(directory, CardFile);
        if (!File.Exists(cardFile))
            throw new ModelUnavailableException(version, $"no {CardFile} in {directory}");
        ModelCard card;
        try
        {
            card = ReadCardFile(cardFile);
        }
        catch (JsonException e)
        {
            throw new ModelUnavailableException(version, $"{cardFile} cannot be read: {e.Message}");
        }
        var modelPath = System.IO.Path.Combine(directory, card.File);
        if (!File.Exists(modelPath))
            throw new ModelUnavailableException(version, $"{modelPath} is missing");
        var actual = Sha256OfFile(modelPath);
        if (!string.Equals(actual, card.Sha256, StringComparison.OrdinalIgnoreCase))
            throw new ModelUnavailableException(version, $"{modelPath} has SHA-256 {actual}, its card says {card.Sha256}");
        return new ResolvedModel(card, modelPath);
    }

    /// <summary>The production version the registry names.</summary>
    public ResolvedModel ResolveProduction() => Resolve(Registry.Read().Production);

    public static string Sha256OfFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}

/// <summary>A version whose file matches its card.</summary>
public sealed record ResolvedModel(ModelCard Card, string ModelPath);

/// <summary>A version cannot be served; <see cref="Reason"/> says why, for logs and readiness.</summary>
public sealed class ModelUnavailableException(string version, string reason)
    : Exception($"model {version} cannot be served: {reason}")
{
    public string Version { get; } = version;
    public string Reason { get; } = reason;
}
