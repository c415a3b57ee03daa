using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Returns.Contracts;
using Returns.Results.Storage;

namespace Returns.Testing.Million;

/// <summary>Inserts rows into a results database through prepared statements, committing every
/// <see cref="RowsPerTransaction"/> rows: one transaction per row would cost a disk flush each.</summary>
internal sealed class SqliteBulkWriter : IDisposable
{
    private const int RowsPerTransaction = 50_000;
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private readonly SqliteConnection connection;
    private readonly SqliteCommand outcome, review, line, photo, verdict;
    private SqliteTransaction transaction;
    private int rowsInTransaction;

    public SqliteBulkWriter(string sqlitePath)
    {
        connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = sqlitePath, Pooling = false }.ToString());
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;";
            pragma.ExecuteNonQuery();
        }
        DropSecondaryIndexes();
        transaction = connection.BeginTransaction();
        outcome = Prepare("""
            INSERT OR IGNORE INTO outcomes (image_id, model_version, status, source_name, return_id, line_id, run_id, model_name, model_sha256,
                label, confidence, top_k, stage, reason, detail, worker, received_at, completed_at, stored_at, latency_ms)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
            """, 20);
        review = Prepare("""
            INSERT OR IGNORE INTO reviews (review_id, image_id, model_version, previous_label, reviewed_label, reviewer, reviewed_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            """, 7);
        line = Prepare("""
            INSERT OR IGNORE INTO return_lines (return_id, line_id, order_id, sku, declared_category, registered_at) VALUES ($1, $2, $3, $4, $5, $6)
            """, 6);
        photo = Prepare("INSERT OR IGNORE INTO line_photos (return_id, line_id, image_id, attached_at) VALUES ($1, $2, $3, $4)", 4);
        verdict = Prepare("""
            INSERT OR REPLACE INTO line_verdicts (return_id, line_id, revision, verdict, assessed_at, published, message) VALUES ($1, $2, $3, $4, $5, 1, $6)
            """, 6);
    }

    /// <summary>A bulk load goes faster into bare tables: the store creates its indexes again, each in one sorted pass,
    /// when it next opens the file (as it does for a results.db written by an older version).</summary>
    private void DropSecondaryIndexes()
    {
        using var find = connection.CreateCommand();
        // reviews_by_image stays: the trigger that marks an outcome stored after its image's review looks the review up.
        find.CommandText = "SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND name <> 'reviews_by_image'";
        var names = new List<string>();
        using (var reader = find.ExecuteReader())
            while (reader.Read())
                names.Add(reader.GetString(0));
        foreach (var name in names)
        {
            using var drop = connection.CreateCommand();
            drop.CommandText = $"DROP INDEX \"{name}\"";
            drop.ExecuteNonQuery();
        }
    }

    private SqliteCommand Prepare(string sql, int parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        for (var i = 1; i <= parameters; i++)
            command.Parameters.Add(new SqliteParameter("$" + i, null));
        command.Prepare();
        return command;
    }

    public void Write(StoredOutcome o) => Run(outcome, o.ImageId, o.ModelVersion, o.Status, o.SourceName, o.ReturnId, o.LineId, o.RunId,
        o.ModelName, o.ModelSha256, o.Label, o.Confidence, JsonSerializer.Serialize(o.TopK), o.Stage, o.Reason, o.Detail, o.Worker,
        Time(o.ReceivedAt), Time(o.CompletedAt), o.StoredAt is { } at ? Time(at) : null, o.LatencyMs);

    public void Write(StoredReview r) => Run(review, r.ReviewId.ToString("D"), r.ImageId, r.ModelVersion, r.PreviousLabel, r.ReviewedLabel,
        r.Reviewer, Time(r.ReviewedAt));

    public void Write(RegisteredLine l) => Run(line, l.ReturnId, l.LineId, l.OrderId, l.Sku, l.DeclaredCategory, Time(l.RegisteredAt));

    public void Write(LinePhoto p) => Run(photo, p.ReturnId, p.LineId, p.ImageId, Time(p.AttachedAt));

    public void Write(ReturnLineAssessed v) => Run(verdict, v.ReturnId, v.LineId, v.Revision, v.Verdict, Time(v.AssessedAt),
        JsonSerializer.Serialize(v, Web));

    private void Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        command.ExecuteNonQuery();
        if (++rowsInTransaction < RowsPerTransaction)
            return;
        Commit();
    }

    private void Commit()
    {
        transaction.Commit();
        transaction.Dispose();
        transaction = connection.BeginTransaction();
        foreach (var command in new[] { outcome, review, line, photo, verdict })
            command.Transaction = transaction;
        rowsInTransaction = 0;
    }

    private static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public void Dispose()
    {
        transaction.Commit();
        foreach (var command in new[] { outcome, review, line, photo, verdict })
            command.Dispose();
        using (var analyze = connection.CreateCommand())
        {
            analyze.CommandText = "PRAGMA optimize;";
            analyze.ExecuteNonQuery();
        }
        connection.Dispose();
    }
}
