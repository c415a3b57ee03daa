using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Returns.Contracts;

namespace Returns.Results.Storage;

/// <summary>The embedded results store: one SQLite file in WAL mode, so a report can read while consumers write.
/// Outcomes here; reviews and thumbnails in SqliteReviews.cs.</summary>
public sealed partial class SqliteResultStore(IOptions<ResultsOptions> options) : IResultStore
{
    private readonly SemaphoreSlim schemaLock = new(1, 1);
    private volatile bool schemaReady;

    private readonly string connectionString = SqliteConnections.For(options.Value.SqlitePath);

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (schemaReady)
            return;
        await schemaLock.WaitAsync(cancellationToken);
        try
        {
            if (!schemaReady)
                await CreateSchemaAsync(cancellationToken);
            schemaReady = true;
        }
        finally
        {
            schemaLock.Release();
        }
    }

    private async Task CreateSchemaAsync(CancellationToken cancellationToken)
    {
        SqliteConnections.CreateFolder(options.Value.SqlitePath);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS outcomes (
                image_id      TEXT NOT NULL,
                model_version TEXT NOT NULL,
                status        TEXT NOT NULL,
                source_name   TEXT NOT NULL,
                return_id     TEXT,
                line_id       TEXT,
                run_id        TEXT,
                model_name    TEXT,
                model_sha256  TEXT,
                label         TEXT,
                confidence    REAL,
                top_k         TEXT NOT NULL,
                stage         TEXT,
                reason        TEXT,
                detail        TEXT,
                worker        TEXT,
                received_at   TEXT NOT NULL,
                completed_at  TEXT NOT NULL,
                stored_at     TEXT,
                latency_ms    REAL,
                PRIMARY KEY (image_id, model_version)
            ) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS outcomes_by_completed_at ON outcomes (completed_at);
            CREATE INDEX IF NOT EXISTS outcomes_by_run ON outcomes (run_id);
            CREATE INDEX IF NOT EXISTS outcomes_by_return ON outcomes (return_id);
            """ + ReviewSchema + ReturnLineSchema + ReportIndexes;
        await command.ExecuteNonQueryAsync(cancellationToken);
        await AddColumnToOlderFilesAsync(connection, "stored_at", "TEXT", cancellationToken);
        await AddColumnToOlderFilesAsync(connection, "latency_ms", "REAL", cancellationToken);
        await AddLineColumnAsync(connection, cancellationToken);
        await CreateRunTalliesAsync(connection, cancellationToken);
        await AddReviewedColumnAsync(connection, cancellationToken);
    }

    /// <summary>Files written before a column existed get it (empty for their old rows).</summary>
    private static async Task AddColumnToOlderFilesAsync(SqliteConnection connection, string column, string type, CancellationToken cancellationToken)
    {
        await using var columns = connection.CreateCommand();
        columns.CommandText = "SELECT COUNT(*) FROM pragma_table_info('outcomes') WHERE name = $column";
        columns.Parameters.AddWithValue("$column", column);
        if (Convert.ToInt64(await columns.ExecuteScalarAsync(cancellationToken)) > 0)
            return;
        await using var alter = connection.CreateCommand();
        alter.CommandText = $"ALTER TABLE outcomes ADD COLUMN {column} {type}";
        await alter.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> SaveAsync(StoredOutcome outcome, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        await using var connection = await OpenReplayableAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO outcomes (image_id, model_version, status, source_name, return_id, line_id, run_id, model_name, model_sha256,
                                  label, confidence, top_k, stage, reason, detail, worker, received_at, completed_at, stored_at, latency_ms)
            VALUES ($id, $version, $status, $source, $return, $line, $run, $model, $sha, $label, $confidence, $topK, $stage, $reason,
                    $detail, $worker, $received, $completed, $stored, $latency)
            ON CONFLICT (image_id, model_version) DO NOTHING;
            """;
        command.Parameters.AddWithValue("$id", outcome.ImageId);
        command.Parameters.AddWithValue("$version", outcome.ModelVersion);
        command.Parameters.AddWithValue("$status", outcome.Status);
        command.Parameters.AddWithValue("$source", outcome.SourceName);
        command.Parameters.AddWithValue("$return", (object?)outcome.ReturnId ?? DBNull.Value);
        command.Parameters.AddWithValue("$line", (object?)outcome.LineId ?? DBNull.Value);
        command.Parameters.AddWithValue("$run", (object?)outcome.RunId ?? DBNull.Value);
        command.Parameters.AddWithValue("$model", (object?)outcome.ModelName ?? DBNull.Value);
        command.Parameters.AddWithValue("$sha", (object?)outcome.ModelSha256 ?? DBNull.Value);
        command.Parameters.AddWithValue("$label", (object?)outcome.Label ?? DBNull.Value);
        command.Parameters.AddWithValue("$confidence", (object?)outcome.Confidence ?? DBNull.Value);
        command.Parameters.AddWithValue("$topK", JsonSerializer.Serialize(outcome.TopK));
        command.Parameters.AddWithValue("$stage", (object?)outcome.Stage ?? DBNull.Value);
        command.Parameters.AddWithValue("$reason", (object?)outcome.Reason ?? DBNull.Value);
        command.Parameters.AddWithValue("$detail", (object?)outcome.Detail ?? DBNull.Value);
        command.Parameters.AddWithValue("$worker", (object?)outcome.Worker ?? DBNull.Value);
        command.Parameters.AddWithValue("$received", Time(outcome.ReceivedAt));
        command.Parameters.AddWithValue("$completed", Time(outcome.CompletedAt));
        command.Parameters.AddWithValue("$stored", outcome.StoredAt is { } stored ? Time(stored) : DBNull.Value);
        command.Parameters.AddWithValue("$latency", (object?)outcome.LatencyMs ?? DBNull.Value);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<IReadOnlyList<StoredOutcome>> FindAsync(IReadOnlyCollection<string> imageIds, string? modelVersion,
        CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        var found = new List<StoredOutcome>(imageIds.Count);
        await using var connection = await OpenAsync(cancellationToken);
        foreach (var chunk in imageIds.Distinct().Chunk(500))
        {
            await using var command = connection.CreateCommand();
            var names = chunk.Select((_, i) => "$i" + i).ToArray();
            command.CommandText = $"SELECT * FROM outcomes WHERE ($version IS NULL OR model_version IN ($version, '')) AND image_id IN ({string.Join(',', names)})";
            command.Parameters.AddWithValue("$version", (object?)modelVersion ?? DBNull.Value);
            for (var i = 0; i < chunk.Length; i++)
                command.Parameters.AddWithValue(names[i], chunk[i]);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                found.Add(Read(reader));
        }
        return found;
    }

    /// <summary>Pages from here on are read by their keys first, and past the middle from the other end.</summary>
    private const int FarPage = 5_000;

    public async Task<IReadOnlyList<StoredOutcome>> QueryAsync(ResultQuery query, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        var (skip, limit, reversed) = (query.Skip, query.Limit, false);
        if (query.Skip >= FarPage && await CountAsync(query, cancellationToken) is var total && query.Skip > total / 2)
            (skip, limit, reversed) = (Math.Max(0, total - query.Skip - query.Limit), Math.Max(0, Math.Min(query.Limit, total - query.Skip)), true);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // The page's keys come from an index alone (OFFSET then skips index entries, not whole rows); only the page's own
        // rows are read.
        var order = SqliteOutcomeFilter.OrderBy(query, reversed);
        command.CommandText = "SELECT outcomes.* FROM (SELECT image_id, model_version FROM outcomes" + SqliteOutcomeFilter.Where(query, command) + order
            + " LIMIT $limit OFFSET $skip) AS page JOIN outcomes USING (image_id, model_version)" + order;
        command.Parameters.AddWithValue("$limit", limit);
        command.Parameters.AddWithValue("$skip", skip);
        var found = new List<StoredOutcome>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            found.Add(Read(reader));
        if (reversed)
            found.Reverse();
        return found;
    }

    /// <summary>Reviewed or not is read from the kept <c>reviewed</c> column where an index holds it (see
    /// SqliteOutcomeFilter), so the console's counts are one range of an index.</summary>
    public async Task<int> CountAsync(ResultQuery query, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM outcomes" + SqliteOutcomeFilter.Where(query, command, count: true);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken) =>
        SqliteConnections.OpenAsync(connectionString, replayable: false, cancellationToken);

    /// <summary>For outcomes and their thumbnails: a commit lost to a power cut is classified again (see SqliteConnections).</summary>
    private Task<SqliteConnection> OpenReplayableAsync(CancellationToken cancellationToken) =>
        SqliteConnections.OpenAsync(connectionString, replayable: true, cancellationToken);

    private static StoredOutcome Read(SqliteDataReader r) => new()
    {
        ImageId = r.GetString(r.GetOrdinal("image_id")),
        ModelVersion = r.GetString(r.GetOrdinal("model_version")),
        Status = r.GetString(r.GetOrdinal("status")),
        SourceName = r.GetString(r.GetOrdinal("source_name")),
        ReturnId = Text(r, "return_id"),
        LineId = Text(r, "line_id"),
        RunId = Text(r, "run_id"),
        ModelName = Text(r, "model_name"),
        ModelSha256 = Text(r, "model_sha256"),
        Label = Text(r, "label"),
        Confidence = r.IsDBNull(r.GetOrdinal("confidence")) ? null : (float)r.GetDouble(r.GetOrdinal("confidence")),
        TopK = JsonSerializer.Deserialize<LabelScore[]>(r.GetString(r.GetOrdinal("top_k"))) ?? [],
        Stage = Text(r, "stage"),
        Reason = Text(r, "reason"),
        Detail = Text(r, "detail"),
        Worker = Text(r, "worker"),
        ReceivedAt = DateTimeOffset.Parse(r.GetString(r.GetOrdinal("received_at")), CultureInfo.InvariantCulture),
        CompletedAt = DateTimeOffset.Parse(r.GetString(r.GetOrdinal("completed_at")), CultureInfo.InvariantCulture),
        StoredAt = Text(r, "stored_at") is { } stored ? DateTimeOffset.Parse(stored, CultureInfo.InvariantCulture) : null,
        LatencyMs = r.IsDBNull(r.GetOrdinal("latency_ms")) ? null : r.GetDouble(r.GetOrdinal("latency_ms")),
    };

    private static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static string? Text(SqliteDataReader r, string column) =>
        r.IsDBNull(r.GetOrdinal(column)) ? null : r.GetString(r.GetOrdinal(column));
}
