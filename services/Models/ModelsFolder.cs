using System.Security.Cryptography;
using System.Text.Json;
using Returns.Models.Files;

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

    /// <summary>A model file is not trusted for its size either: ONNX models here are tens of MiB.</summary>
    public const long MaxModelBytes = 1L << 30;

    /// <summary>A card is a few KiB of JSON.</summary>
    public const long MaxCardBytes = 1 << 20;

    /// <summary>Reads a card: a regular file reached without a link, of at most <see cref="MaxCardBytes"/>.</summary>
    /// <exception cref="InvalidDataException">it is a link, a FIFO or device, too large, or empty.</exception>
    public static ModelCard ReadCardFile(string file)
    {
        using var stream = OpenInFolder(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(file))!, System.IO.Path.GetFileName(file),
            MaxCardBytes, refusal => new InvalidDataException($"{file} is {refusal}"));
        return JsonSerializer.Deserialize<ModelCard>(stream, Json) ?? throw new InvalidDataException($"{file} is empty");
    }

    /// <summary>A card's file is a name in its own version folder, never a path: "../../elsewhere.onnx" would let a card
    /// vouch for any file on the machine.</summary>
    public static bool IsFileName(string file) =>
        file.Length is > 0 and <= 255 && file is not ("." or "..") && file.IndexOfAny(['/', '\\', '\0']) < 0;

    /// <summary>Opens <paramref name="name"/> in <paramref name="folder"/> only if it is a regular file, reached without a
    /// link, of at most <paramref name="maxBytes"/>; else throws what <paramref name="refuse"/> makes of the reason.</summary>
    private static FileStream OpenInFolder(string folder, string name, long maxBytes, Func<string, Exception> refuse)
    {
        SafeOpenResult opened;
        using (var directory = SafeDirectory.Open(folder))
            opened = directory.OpenRegularFile(name);
        if (opened.Stream is null)
            throw refuse(SafeOpenResult.Describe(opened.Refusal));
        if (opened.Length > maxBytes)
        {
            opened.Stream.Dispose();
            throw refuse($"{opened.Length:N0} bytes, over the {maxBytes:N0}-byte limit");
        }
        return opened.Stream;
    }

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
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            throw new ModelUnavailableException(version, $"{cardFile} cannot be read: {e.Message}");
        }
        if (!IsFileName(card.File))
            throw new ModelUnavailableException(version, $"its card's file '{card.File}' is not a file name in its version folder");
        var modelPath = System.IO.Path.Combine(directory, card.File);
        string actual;
        using (var model = OpenInFolder(directory, card.File, MaxModelBytes, refusal => new ModelUnavailableException(version,
                   refusal == SafeOpenResult.Describe(FileRefusal.Missing) ? $"{modelPath} is missing" : $"{modelPath} is {refusal}")))
            actual = Convert.ToHexStringLower(SHA256.HashData(model));
        if (!string.Equals(actual, card.Sha256, StringComparison.OrdinalIgnoreCase))
            throw new ModelUnavailableException(version, $"{modelPath} has SHA-256 {actual}, its card says {card.Sha256}");
        return new ResolvedModel(card, modelPath);
    }

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
