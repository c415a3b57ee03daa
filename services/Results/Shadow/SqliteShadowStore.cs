using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Returns.Results.Storage;

namespace Returns.Results.Shadow;

/// <summary>Shadow outcomes in their own table of the results database.</summary>
public sealed class SqliteShadowStore(IOptions<ResultsOptions> options) : IShadowStore
{
    private readonly SemaphoreSlim schemaLock = new(1, 1);
    private volatile bool schemaReady;

    private readonly string connectionString = SqliteConnections.For(options.Value.SqlitePath);

    public async Task<bool> SaveAsync(ShadowOutcome outcome, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO shadow_outcomes (image_id, model_version, model_sha256, run_id, label, confidence, retake_reason, latency_ms, worker, classified_at)
            VALUES ($id, $version, $sha, $run, $label, $confidence, $retake, $latency, $worker, $classified)
            ON CONFLICT (image_id, model_version) DO NOTHING;
            """;
        command.Parameters.AddWithValue("$id", outcome.ImageId);
        command.Parameters.AddWithValue("$version", outcome.ModelVersion);
        command.Parameters.AddWithValue("$sha", outcome.ModelSha256);
        command.Parameters.AddWithValue("$run", (object?)outcome.RunId ?? DBNull.Value);
        command.Parameters.AddWithValue("$label", outcome.Label);
        command.Parameters.AddWithValue("$confidence", outcome.Confidence);
        command.Parameters.AddWithValue("$retake", (object?)outcome.RetakeReason ?? DBNull.Value);
        command.Parameters.AddWithValue("$latency", outcome.LatencyMs);
        command.Parameters.AddWithValue("$worker", outcome.Worker);
        command.Parameters.AddWithValue("$classified", outcome.ClassifiedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<IReadOnlyList<ShadowOutcome>> ListAsync(string modelVersion, int skip, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM shadow_outcomes WHERE model_version = $version ORDER BY image_id LIMIT $limit OFFSET $skip";
        command.Parameters.AddWithValue("$version", modelVersion);
        command.Parameters.AddWithValue("$limit", limit);
        command.Parameters.AddWithValue("$skip", skip);
        var found = new List<ShadowOutcome>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            found.Add(new ShadowOutcome
            {
                ImageId = reader.GetString(0), ModelVersion = reader.GetString(1), ModelSha256 = reader.GetString(2),
                RunId = reader.IsDBNull(3) ? null : reader.GetString(3), Label = reader.GetString(4), Confidence = (float)reader.GetDouble(5),
                RetakeReason = reader.IsDBNull(6) ? null : reader.GetString(6), LatencyMs = reader.GetDouble(7), Worker = reader.GetString(8),
                ClassifiedAt = DateTimeOffset.Parse(reader.GetString(9), CultureInfo.InvariantCulture),
            });
        return found;
    }

    public async Task<int> CountAsync(string modelVersion, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM shadow_outcomes WHERE model_version = $version";
        command.Parameters.AddWithValue("$version", modelVersion);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!schemaReady)
            await CreateSchemaAsync(cancellationToken);
        return await SqliteConnections.OpenAsync(connectionString, replayable: true, cancellationToken);
    }

    private async Task CreateSchemaAsync(CancellationToken cancellationToken)
    {
        await schemaLock.WaitAsync(cancellationToken);
        try
        {
            if (schemaReady)
                return;
            SqliteConnections.CreateFolder(options.Value.SqlitePath);
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = """
                PRAGMA journal_mode = WAL;
                CREATE TABLE IF NOT EXISTS shadow_outcomes (
                    image_id      TEXT NOT NULL,
                    model_version TEXT NOT NULL,
                    model_sha256  TEXT NOT NULL,
                    run_id        TEXT,
                    label         TEXT NOT NULL,
                    confidence    REAL NOT NULL,
                    retake_reason TEXT,
                    latency_ms    REAL NOT NULL,
                    worker        TEXT NOT NULL,
                    classified_at TEXT NOT NULL,
                    PRIMARY KEY (model_version, image_id)
                ) WITHOUT ROWID;
                """;
            await command.ExecuteNonQueryAsync(cancellationToken);
            schemaReady = true;
        }
        finally
        {
            schemaLock.Release();
        }
    }
}
