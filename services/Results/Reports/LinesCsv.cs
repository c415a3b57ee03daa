using System.Globalization;
using System.Text;
using Returns.Contracts;

namespace Returns.Results.Reports;

/// <summary>lines.csv: one row per return line in the report, in the page's order (mismatches first). report.csv stays
/// one row per image, so its columns do not change for those who read it.</summary>
public static class LinesCsv
{
    public const string File = "lines.csv";

    private static readonly string[] Columns =
    [
        "return_id", "line_id", "order_id", "sku", "declared_category", "expected_labels", "verdict", "reason",
        "predicted_labels", "photo_ids", "revision", "assessed_at",
    ];

    public static string Write(ReturnLinesSection section)
    {
        using var csv = new StringWriter();
        Write(section, csv);
        return csv.ToString();
    }

    /// <summary>Line by line to <paramref name="csv"/>: a period's lines never become one string.</summary>
    public static void Write(ReturnLinesSection section, TextWriter csv)
    {
        csv.Write(CsvCells.Line(Columns));
        foreach (var line in section.Returns.SelectMany(r => r.Lines))
            csv.Write(CsvCells.Line(
            [
                line.ReturnId, line.LineId, line.OrderId, line.Sku, line.DeclaredCategory, string.Join(';', line.DeclaredLabels),
                line.Verdict, line.Reason, string.Join(';', PredictedLabels(line)), string.Join(';', line.Photos.Select(p => p.ImageId)),
                line.Revision.ToString(CultureInfo.InvariantCulture),
                line.AssessedAt.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            ]));
    }

    /// <summary>The verdict's predicted label first, then any other label a photo of the line got (staff's where reviewed),
    /// settled or not.</summary>
    public static IEnumerable<string> PredictedLabels(ReturnLineAssessed line) =>
        (line.PredictedLabel is { } predicted ? [predicted] : Array.Empty<string>())
            .Concat(line.Photos.Select(p => p.Label).OfType<string>().Order(StringComparer.Ordinal))
            .Distinct();
}
