using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Returns.Contracts;
using Returns.Results.Reports;

namespace Returns.Results.Storage;

/// <summary>
/// A period's report rows in SQLite: one pass over the period's outcomes picks each image's outcome and latest review
/// into a temporary table of this connection (each image's outcome found through the primary key), which the figures (GROUP BY) and the lists (ORDER BY on that table) then read.
/// </summary>
internal sealed class SqliteReportRows(SqliteConnection connection, ReportScope scope) : IReportRows
{
    private const char Separator = '\u001f';

    public static async Task<SqliteReportRows> OpenAsync(SqliteConnection connection, ReportScope scope, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            DROP TABLE IF EXISTS temp.report_rows;
            CREATE TEMP TABLE report_rows AS
            SELECT p.image_id, p.files, p.sources, p.first_source, p.first_completed,
                   o.model_version, o.status, o.return_id, o.label, o.confidence, o.top_k, o.stage, o.reason, o.detail, o.completed_at,
                   r.reviewed_label, r.reviewer, r.reviewed_at
            FROM (SELECT g.image_id, COUNT(*) AS files, group_concat(g.source_name, char({(int)Separator})) AS sources,
                         MIN(g.source_name) AS first_source, MIN(g.completed_at) AS first_completed,
                         (SELECT c.model_version FROM outcomes c
                          WHERE c.image_id = g.image_id AND c.completed_at >= $from AND c.completed_at < $to
                          ORDER BY c.model_version = $model DESC, c.model_version <> '' DESC, c.completed_at DESC, c.model_version
                          LIMIT 1) AS chosen
                  FROM outcomes g
                  WHERE g.completed_at >= $from AND g.completed_at < $to
                  GROUP BY g.image_id) p
            JOIN outcomes o ON o.image_id = p.image_id AND o.model_version = p.chosen
            LEFT JOIN reviews r ON r.review_id = (SELECT x.review_id FROM reviews x WHERE x.image_id = p.image_id
                                                  ORDER BY x.reviewed_at DESC, x.review_id DESC LIMIT 1);
            CREATE INDEX temp.report_rows_in_order ON report_rows (first_source, first_completed, image_id);
            """;
        command.Parameters.AddWithValue("$from", Time(scope.From));
        command.Parameters.AddWithValue("$to", Time(scope.To));
        command.Parameters.AddWithValue("$model", scope.ModelVersion);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new SqliteReportRows(connection, scope);
    }

    private const string Unsure = "status = 'classified' AND reviewed_label IS NULL AND COALESCE(confidence < $threshold, 0)";
    private const string InOrder = "first_source, first_completed, image_id";

    public async Task<ReportFigures> AggregateAsync(CancellationToken cancellationToken)
    {
        await using var command = Command($"""
            SELECT COALESCE(SUM(files), 0), COUNT(*), COALESCE(SUM(status = 'classified'), 0), COALESCE(SUM(status = 'needs_retake'), 0),
                   COALESCE(SUM(status = 'rejected'), 0), COALESCE(SUM(reviewed_label IS NOT NULL), 0),
                   COALESCE(SUM(reviewed_label IS NOT NULL AND label IS NOT NULL AND reviewed_label <> label), 0),
                   COALESCE(SUM(status = 'classified' AND reviewed_label IS NULL AND NOT ({Unsure})), 0),
                   TOTAL(CASE WHEN status = 'classified' AND reviewed_label IS NULL AND NOT ({Unsure}) THEN 1 - confidence END),
                   COALESCE(AVG(CASE WHEN status = 'classified' THEN confidence END), 0)
            FROM report_rows
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var (files, images, classified, retakes, rejected) = (reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4));
        var (reviewed, corrected, accepted, errors, mean) = (reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetDouble(8), reader.GetDouble(9));
        return new ReportFigures(files, images, classified, retakes, rejected, Pending: 0, reviewed, corrected,
            await CountAsync("COALESCE(reviewed_label, label)", cancellationToken), await CountAsync("label", cancellationToken),
            accepted, errors, mean, await BinsAsync(cancellationToken));
    }

    public async Task<ListTotals> CountListsAsync(CancellationToken cancellationToken)
    {
        await using var command = Command($"""
            SELECT COALESCE(SUM({Unsure}), 0), COALESCE(SUM(status = 'needs_retake' AND reviewed_label IS NULL), 0) FROM report_rows
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new ListTotals(reader.GetInt32(0), reader.GetInt32(1));
    }

    /// <summary>Classified rows per value of <paramref name="key"/>.</summary>
    private async Task<IReadOnlyDictionary<string, int>> CountAsync(string key, CancellationToken cancellationToken)
    {
        await using var command = Command($"SELECT {key}, COUNT(*) FROM report_rows WHERE status = 'classified' AND {key} IS NOT NULL GROUP BY 1");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
            counts[reader.GetString(0)] = reader.GetInt32(1);
        return counts;
    }

    private async Task<IReadOnlyList<int>> BinsAsync(CancellationToken cancellationToken)
    {
        await using var command = Command($"""
            SELECT MIN(CAST(confidence * 10 + {ReportFigures.FloatRounding("confidence * 10")} AS INTEGER), 9), COUNT(*) FROM report_rows
            WHERE status = 'classified' AND confidence IS NOT NULL GROUP BY 1
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var bins = new int[10];
        while (await reader.ReadAsync(cancellationToken))
            bins[Math.Clamp(reader.GetInt32(0), 0, 9)] += reader.GetInt32(1);
        return bins;
    }

    public async IAsyncEnumerable<ReportRow> ReadAsync(ReportList list, [EnumeratorCancellation] CancellationToken cancellationToken,
        int limit = int.MaxValue)
    {
        await using var command = Command("SELECT * FROM report_rows" + list switch
        {
            ReportList.LowConfidence => $" WHERE {Unsure} ORDER BY confidence, image_id",
            ReportList.Reviewed => $" WHERE reviewed_label IS NOT NULL ORDER BY {InOrder}",
            ReportList.NeedsRetake => $" WHERE status = 'needs_retake' ORDER BY reason, {InOrder}",
            ReportList.Rejected => $" WHERE status = 'rejected' ORDER BY reason, {InOrder}",
            _ => $" ORDER BY {InOrder}",
        } + " LIMIT $limit");
        command.Parameters.AddWithValue("$limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            yield return Row(reader);
    }

    private ReportRow Row(SqliteDataReader r)
    {
        var status = r.GetString(r.GetOrdinal("status"));
        var confidence = r.IsDBNull(r.GetOrdinal("confidence")) ? (float?)null : (float)r.GetDouble(r.GetOrdinal("confidence"));
        var reviewedLabel = Text(r, "reviewed_label");
        var sources = r.GetString(r.GetOrdinal("sources")).Split(Separator);
        Array.Sort(sources, StringComparer.Ordinal);
        return new ReportRow
        {
            ImageId = r.GetString(r.GetOrdinal("image_id")),
            SourceNames = sources,
            Status = status,
            ReturnId = Text(r, "return_id"),
            Label = Text(r, "label"),
            Confidence = confidence,
            TopK = JsonSerializer.Deserialize<LabelScore[]>(r.GetString(r.GetOrdinal("top_k"))) ?? [],
            NeedsReview = NeedsPerson.Of(status, confidence, reviewed: reviewedLabel is not null, scope.ReviewThreshold),
            Stage = Text(r, "stage"),
            Reason = Text(r, "reason"),
            Detail = Text(r, "detail"),
            ModelVersion = r.GetString(r.GetOrdinal("model_version")) is { Length: > 0 } version ? version : null,
            CompletedAt = Parse(r.GetString(r.GetOrdinal("completed_at"))),
            ReviewedLabel = reviewedLabel,
            ReviewedBy = Text(r, "reviewer"),
            ReviewedAt = Text(r, "reviewed_at") is { } at ? Parse(at) : null,
        };
    }

    private SqliteCommand Command(string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        command.Parameters.AddWithValue("$threshold", scope.ReviewThreshold);
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        await using (var drop = connection.CreateCommand())
        {
            drop.CommandText = "DROP TABLE IF EXISTS temp.report_rows";
            await drop.ExecuteNonQueryAsync();
        }
        await connection.DisposeAsync();
    }

    private static string? Text(SqliteDataReader r, string column) => r.IsDBNull(r.GetOrdinal(column)) ? null : r.GetString(r.GetOrdinal(column));

    private static DateTimeOffset Parse(string time) => DateTimeOffset.Parse(time, CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}
