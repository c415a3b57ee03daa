using System.Security.Cryptography;
using System.Text;

namespace Returns.Training;

/// <summary>One photo a reviewer labelled, from a corrections export: <see cref="Corrected"/> when the reviewer changed
/// the model's label, false when they confirmed it.</summary>
public sealed record ReviewedPhoto(LabelledImage Image, string ImageId, bool Corrected);

/// <summary>
/// Reads what `returns corrections export` wrote: manifest.csv (the authority for each photo's reviewed label) and the
/// files it names, relative to the export folder.
/// </summary>
public static class CorrectionsFolder
{
    public const string ManifestFile = "manifest.csv";

    /// <exception cref="InvalidDataException">A row names a label outside <paramref name="labels"/>, a file outside
    /// the folder or a missing file; the message names the file.</exception>
    public static IReadOnlyList<ReviewedPhoto> Read(DirectoryInfo folder, IReadOnlyList<string> labels)
    {
        var manifest = Path.Combine(folder.FullName, ManifestFile);
        if (!File.Exists(manifest))
            throw new InvalidDataException($"{manifest} not found: --corrections takes a folder written by `returns corrections export`");
        var rows = CsvTable.Read(manifest, "image_id", "file", "reviewed_label", "corrected");
        var photos = new List<ReviewedPhoto>();
        foreach (var row in rows)
        {
            var file = row["file"];
            var path = Path.GetFullPath(Path.Combine(folder.FullName, file));
            if (!path.StartsWith(folder.FullName.TrimEnd('/') + "/", StringComparison.Ordinal))
                throw new InvalidDataException($"{manifest}: {file} is outside the export folder");
            var label = labels.ToList().IndexOf(row["reviewed_label"]);
            if (label < 0)
                throw new InvalidDataException(
                    $"{path}: reviewed label '{row["reviewed_label"]}' is not one of the model's classes ({string.Join(", ", labels)})");
            if (!File.Exists(path))
                throw new InvalidDataException($"{path}: listed in {ManifestFile} but missing");
            photos.Add(new ReviewedPhoto(new LabelledImage(path, "corrections/" + file, label), row["image_id"], row["corrected"] == "yes"));
        }
        return photos.OrderBy(p => p.Image.RelativePath, StringComparer.Ordinal).ToArray();
    }

    /// <summary>A fingerprint of the corrections a model learned from: each photo's label and bytes.</summary>
    public static string Fingerprint(IEnumerable<ReviewedPhoto> photos, IReadOnlyList<string> labels)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var photo in photos.OrderBy(p => p.Image.RelativePath, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"{labels[photo.Image.Label]}\t{photo.Image.RelativePath}\n"));
            hash.AppendData(SHA256.HashData(File.ReadAllBytes(photo.Image.Path)));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
