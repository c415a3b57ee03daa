using System.Security.Cryptography;
using System.Text;
using Returns.Models.Files;

namespace Returns.Training;

/// <summary>One photo a reviewer labelled, from a corrections export: <see cref="Corrected"/> when the reviewer changed
/// the model's label, false when they confirmed it.</summary>
public sealed record ReviewedPhoto(LabelledImage Image, string ImageId, bool Corrected);

/// <summary>
/// Reads what `returns corrections export` wrote: manifest.csv (the authority for each photo's reviewed label) and the
/// files it names, relative to the export folder. Nothing in it is trusted: the manifest and every file must be regular
/// files inside the folder, reached without a link (a FIFO would hang training, a link would bring in any file on the
/// machine), and neither is read past a size cap.
/// </summary>
public static class CorrectionsFolder
{
    public const string ManifestFile = "manifest.csv";

    /// <summary>The largest photo ingest accepts by default (ImageLimits:MaxBytes); the export holds nothing larger.</summary>
    public const long MaxPhotoBytes = 25 * 1024 * 1024;

    public const long MaxManifestBytes = 64 * 1024 * 1024;

    /// <exception cref="InvalidDataException">A row names a label outside <paramref name="labels"/>, a file outside
    /// the folder, a link, a special file, a file over the cap or a missing file; the message names the file.</exception>
    public static IReadOnlyList<ReviewedPhoto> Read(DirectoryInfo folder, IReadOnlyList<string> labels)
    {
        var manifest = Path.Combine(folder.FullName, ManifestFile);
        if (!folder.Exists)
            throw new InvalidDataException($"{folder.FullName} not found: --corrections takes a folder written by `returns corrections export`");
        using var directory = SafeDirectory.Open(folder.FullName);
        string text;
        using (var stream = OpenChecked(directory, ManifestFile, manifest, MaxManifestBytes,
                   missing: $"{manifest} not found: --corrections takes a folder written by `returns corrections export`"))
        using (var reader = new StreamReader(stream))
            text = reader.ReadToEnd();
        var rows = CsvTable.Parse(text, manifest, "image_id", "file", "reviewed_label", "corrected");
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
            OpenChecked(directory, file, path, MaxPhotoBytes, missing: $"{path}: listed in {ManifestFile} but missing").Dispose();
            photos.Add(new ReviewedPhoto(new LabelledImage(path, "corrections/" + file, label), row["image_id"], row["corrected"] == "yes"));
        }
        return photos.OrderBy(p => p.Image.RelativePath, StringComparer.Ordinal).ToArray();
    }

    /// <summary>Opens <paramref name="relative"/> only if it is a regular file inside the folder, reached without a link
    /// and without blocking, of at most <paramref name="maxBytes"/>.</summary>
    private static FileStream OpenChecked(SafeDirectory directory, string relative, string path, long maxBytes, string missing)
    {
        var opened = directory.OpenRegularFile(relative);
        if (opened.Stream is null)
            throw new InvalidDataException(opened.Refusal == FileRefusal.Missing ? missing : $"{path}: {SafeOpenResult.Describe(opened.Refusal)}");
        if (opened.Length > maxBytes)
        {
            opened.Stream.Dispose();
            throw new InvalidDataException($"{path}: {opened.Length:N0} bytes, over the {maxBytes:N0}-byte limit");
        }
        return opened.Stream;
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
