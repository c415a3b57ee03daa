using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Returns.Results.Storage;

/// <summary>
/// The console's runs list, counted where it is cheap. Each run's images and outcomes per status are kept in
/// <c>run_tallies</c> (one row per run and model version) by a trigger on the outcomes table: it fires only when an
/// insert really inserted (a redelivered outcome is ignored by ON CONFLICT DO NOTHING and fires nothing), and counts an
/// image once per run, on the first version's outcome of it. A file written before the table existed is tallied once,
/// in the same transaction that creates the trigger. What needs a person depends on each version's threshold and on the
/// reviews, so it is counted when read: a range of an index per run and version, then a range of the reviewed outcomes
/// (the kept <c>reviewed</c> column, see SqliteReviewedOutcomes.cs).
/// </summary>
public sealed partial class SqliteResultStore
{
    private const string NoRun = "(no run)";

    private const string RunTallySchema = $"""
        CREATE TABLE run_tallies (
            run_id        TEXT NOT NULL,
            model_version TEXT NOT NULL,
            last_at       TEXT NOT NULL,
            images        INTEGER NOT NULL,
            classified    INTEGER NOT NULL,
            retakes       INTEGER NOT NULL,
            rejected      INTEGER NOT NULL,
            PRIMARY KEY (run_id, model_version)
        ) WITHOUT ROWID;
        CREATE TRIGGER run_tallies_on_insert AFTER INSERT ON outcomes BEGIN
            INSERT INTO run_tallies (run_id, model_version, last_at, images, classified, retakes, rejected)
            VALUES (COALESCE(NEW.run_id, '{NoRun}'), NEW.model_version, NEW.completed_at,
                    NOT EXISTS (SELECT 1 FROM outcomes o WHERE o.image_id = NEW.image_id AND o.model_version <> NEW.model_version AND o.run_id IS NEW.run_id),
                    NEW.status = 'classified', NEW.status = 'needs_retake', NEW.status = 'rejected')
            ON CONFLICT (run_id, model_version) DO UPDATE SET last_at = MAX(last_at, excluded.last_at), images = images + excluded.images,
                classified = classified + excluded.classified, retakes = retakes + excluded.retakes, rejected = rejected + excluded.rejected;
        END;
        INSERT INTO run_tallies (run_id, model_version, last_at, images, classified, retakes, rejected)
        SELECT COALESCE(o.run_id, '{NoRun}'), o.model_version, MAX(o.completed_at),
               SUM(NOT EXISTS (SELECT 1 FROM outcomes p WHERE p.image_id = o.image_id AND p.model_version < o.model_version AND p.run_id IS o.run_id)),
               SUM(o.status = 'classified'), SUM(o.status = 'needs_retake'), SUM(o.status = 'rejected')
        FROM outcomes o GROUP BY COALESCE(o.run_id, '{NoRun}'), o.model_version;
        """;

    /// <summary>Creates the tally, its trigger and its backfill in one write transaction, so that no outcome is stored
    /// between the backfill and the trigger, and two processes opening an older file do not both tally it.</summary>
    private static async Task CreateRunTalliesAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var exists = connection.CreateCommand();
        exists.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'run_tallies'";
        if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 0)
        {
            await using var create = connection.CreateCommand();
            create.CommandText = RunTallySchema;
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Whole runs whose latest outcome is since From. Unsure labels are counted per run and version over
    /// <c>outcomes_by_run_status</c>; the reviewed ones (settled) are read from <c>outcomes_reviewed_by_run</c>, a range
    /// of reviewed = 1 that holds run, version, status and confidence, so no review is read.</summary>
    public async Task<IReadOnlyList<RunTally>> TallyRunsAsync(RunTallyQuery query, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var needsPerson = $"(o.status = 'needs_retake' OR o.status = 'classified' AND o.confidence < {ThresholdOf(query, "o.model_version", command)})";
        command.CommandText = $"""
            WITH runs AS (
                SELECT run_id AS run, MAX(last_at) AS last, SUM(images) AS images, SUM(classified) AS classified, SUM(retakes) AS retakes,
                       SUM(rejected) AS rejected
                FROM run_tallies GROUP BY run_id HAVING MAX(last_at) >= $from ORDER BY last DESC LIMIT $limit),
            unsure AS (
                SELECT t.run_id AS run, SUM(t.retakes + (SELECT COUNT(*) FROM outcomes u WHERE u.run_id IS NULLIF(t.run_id, '{NoRun}')
                           AND u.status = 'classified' AND u.model_version = t.model_version
                           AND u.confidence < {ThresholdOf(query, "t.model_version", command)})) AS unsure
                FROM run_tallies t WHERE t.run_id IN (SELECT run FROM runs) GROUP BY t.run_id),
            reviewed AS (
                SELECT COALESCE(o.run_id, '{NoRun}') AS run, COUNT(*) AS reviewed, SUM({needsPerson}) AS settled
                FROM outcomes o
                WHERE o.reviewed = 1 AND COALESCE(o.run_id, '{NoRun}') IN (SELECT run FROM runs) GROUP BY COALESCE(o.run_id, '{NoRun}'))
            SELECT runs.run, last, images, classified, retakes, rejected, unsure.unsure - COALESCE(settled, 0), COALESCE(reviewed, 0)
            FROM runs JOIN unsure ON unsure.run = runs.run LEFT JOIN reviewed ON reviewed.run = runs.run
            ORDER BY last DESC
            """;
        command.Parameters.AddWithValue("$from", Time(query.From));
        command.Parameters.AddWithValue("$limit", query.Limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var runs = new List<RunTally>();
        while (await reader.ReadAsync(cancellationToken))
            runs.Add(new RunTally(reader.GetString(0), DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture), reader.GetInt32(2),
                reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7)));
        return runs;
    }

    /// <summary>"CASE column WHEN … THEN … ELSE default END" (just the default when no version has a threshold of
    /// its own), its values as parameters of the command (added once, however many times it is used).</summary>
    private static string ThresholdOf(RunTallyQuery query, string column, SqliteCommand command)
    {
        var sql = new StringBuilder("CASE ").Append(column);
        var i = 0;
        foreach (var (version, threshold) in query.Thresholds)
        {
            sql.Append($" WHEN $v{i} THEN $t{i}");
            if (!command.Parameters.Contains($"$v{i}"))
            {
                command.Parameters.AddWithValue($"$v{i}", version);
                command.Parameters.AddWithValue($"$t{i}", threshold);
            }
            i++;
        }
        if (!command.Parameters.Contains("$default"))
            command.Parameters.AddWithValue("$default", query.DefaultThreshold);
        return i == 0 ? "$default" : sql.Append(" ELSE $default END").ToString();
    }
}
