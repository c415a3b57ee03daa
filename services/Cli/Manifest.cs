using System.Globalization;
using System.Text;
using Returns.Results.Reports;
using Returns.Results.Storage;

namespace Returns.Cli;

/// <summary>One exported image: its review, its file relative to the export folder, and whether it is the original.</summary>
public sealed record ManifestRow(StoredReview Review, string File, string Source);

/// <summary>manifest.csv of a corrections export, one row per exported image in image id order (so a rerun writes the
/// same bytes).</summary>
public static class Manifest
{
    public const string File = "manifest.csv";

    private static readonly string[] Columns =
        ["image_id", "file", "source", "model_label", "reviewed_label", "corrected", "reviewer", "reviewed_at", "model_version"];

    public static async Task WriteAsync(DirectoryInfo output, IReadOnlyList<ManifestRow> rows, CancellationToken cancellationToken)
    {
        var csv = new StringBuilder(CsvCells.Line(Columns));
        foreach (var (review, file, source) in rows.OrderBy(r => r.Review.ImageId, StringComparer.Ordinal))
            csv.Append(CsvCells.Line(
            [
                review.ImageId, file, source, review.PreviousLabel, review.ReviewedLabel, review.Corrected ? "yes" : "no", review.Reviewer,
                review.ReviewedAt.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture), review.ModelVersion,
            ]));
        output.Create();
        var path = Path.Combine(output.FullName, File);
        if (System.IO.File.Exists(path) && await System.IO.File.ReadAllTextAsync(path, cancellationToken) == csv.ToString())
            return;
        await System.IO.File.WriteAllTextAsync(path + ".partial", csv.ToString(), cancellationToken);
        System.IO.File.Move(path + ".partial", path, overwrite: true);
    }
}
