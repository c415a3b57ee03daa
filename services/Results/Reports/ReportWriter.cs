using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Returns.Results.Storage;

namespace Returns.Results.Reports;

/// <summary>report.csv (one row per image), lines.csv (one row per return line) and summary.json hold only report data, no wall-clock of the run that
/// wrote them, so compiling the same night twice yields identical files.</summary>
public static class ReportWriter
{
    public const string CsvFile = "report.csv";
    public const string SummaryFile = "summary.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly string[] Columns =
    [
        "image_id", "source_files", "status", "return_id", "label", "confidence", "top_3", "needs_review",
        "rejected_at_stage", "reason", "detail", "model_version", "completed_at", "reviewed_label", "final_label",
    ];

    /// <summary>Writes report.csv, lines.csv, summary.json and report.html (the page, with thumbnails where they can be made).
    /// The per-image files are written row by row, straight to disk: a large night never becomes one string in memory.</summary>
    /// <param name="thumbnails">A data: URI of a small picture of the image with this id, or null.</param>
    public static Task WriteAsync(NightlyReport report, DirectoryInfo directory, Func<string, string?>? thumbnails,
        IReadOnlyList<(string Name, string Value)> run, CancellationToken cancellationToken) =>
        WriteAsync(report, report.Rows.ToAsyncEnumerable(), directory, thumbnails, run, lists: null, cancellationToken);

    /// <param name="rows">The report's rows, in order, read once (a period's come straight from the store).</param>
    /// <param name="lists">Each of the report's lists whole, in order, for summary.json (a period's report holds only
    /// their first rows, see <see cref="NightlyReport.Totals"/>); null: the report's own.</param>
    public static async Task WriteAsync(NightlyReport report, IAsyncEnumerable<ReportRow> rows, DirectoryInfo directory,
        Func<string, string?>? thumbnails, IReadOnlyList<(string Name, string Value)> run, Func<ReportList, IAsyncEnumerable<ReportRow>>? lists,
        CancellationToken cancellationToken)
    {
        directory.Create();
        await using (var csv = Utf8Writer(Path.Combine(directory.FullName, CsvFile)))
        {
            WriteHeader(csv);
            await foreach (var row in rows.WithCancellation(cancellationToken))
                WriteRow(row, csv);
        }
        await WriteFileAsync(Path.Combine(directory.FullName, LinesCsv.File), csv => LinesCsv.Write(report.ReturnLines, csv), cancellationToken);
        await using (var summary = File.Create(Path.Combine(directory.FullName, SummaryFile)))
        {
            await SummaryJson.WriteAsync(summary, report, lists ?? (list => SummaryJson.InMemory(report, list)), Json, cancellationToken);
            summary.WriteByte((byte)'\n');
        }
        await WriteFileAsync(Path.Combine(directory.FullName, ReportHtml.File),
            html => ReportHtml.Render(report, thumbnails ?? (_ => null), run, html), cancellationToken);
    }

    private static async Task WriteFileAsync(string path, Action<TextWriter> write, CancellationToken cancellationToken)
    {
        await using var file = Utf8Writer(path);
        write(file);
        await file.FlushAsync(cancellationToken);
    }

    private static StreamWriter Utf8Writer(string path) => new(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

    public static string Summary(NightlyReport report) => JsonSerializer.Serialize(report with { Rows = [] }, Json) + "\n";

    /// <summary>A summary.json read back as the report that wrote it (without its rows), or null when it is not one.</summary>
    public static NightlyReport? ReadSummary(string file)
    {
        try
        {
            return JsonSerializer.Deserialize<NightlyReport>(File.ReadAllText(file), Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string Csv(NightlyReport report)
    {
        using var csv = new StringWriter();
        Csv(report, csv);
        return csv.ToString();
    }

    private static void Csv(NightlyReport report, TextWriter csv)
    {
        WriteHeader(csv);
        foreach (var r in report.Rows)
            WriteRow(r, csv);
    }

    private static void WriteHeader(TextWriter csv)
    {
        csv.Write(string.Join(',', Columns));
        csv.Write('\n');
    }

    private static void WriteRow(ReportRow r, TextWriter csv)
    {
        string?[] cells =
        [
            r.ImageId, string.Join(';', r.SourceNames), r.Status, r.ReturnId, r.Label, Number(r.Confidence),
            string.Join(';', r.TopK.Select(s => $"{s.Label}:{Number(s.Score)}")), r.NeedsReview ? "yes" : "no",
            r.Stage, r.Reason, r.Detail, r.ModelVersion,
            r.CompletedAt?.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            r.ReviewedLabel, r.FinalLabel,
        ];
        csv.Write(string.Join(',', cells.Select(CsvCells.Escape)));
        csv.Write('\n');
    }

    private static string? Number(float? value) => value?.ToString("0.0000", CultureInfo.InvariantCulture);
}
