using System.Globalization;
using System.Text;

namespace Returns.Results.Storage;

/// <summary>The reports' queries (see <see cref="IReportStore"/>) and the indexes that keep them and the console's
/// pages fast on a million outcomes (newest first, as the results page lists them; the primary key that
/// closes every index then breaks ties in the page's order). CREATE INDEX IF NOT EXISTS runs when a store opens a file, so an existing
/// results.db gets them the first time this version opens it (a few seconds at a million outcomes, once).</summary>
public sealed partial class SqliteResultStore : IReportStore
{
    private const string ReportIndexes = """
        CREATE INDEX IF NOT EXISTS outcomes_newest_first ON outcomes (completed_at DESC);
        CREATE INDEX IF NOT EXISTS outcomes_by_version_newest_first ON outcomes (model_version, completed_at DESC);
        CREATE INDEX IF NOT EXISTS outcomes_for_review ON outcomes (model_version, status, confidence);
        CREATE INDEX IF NOT EXISTS outcomes_by_label_newest_first ON outcomes (label, completed_at DESC);
        CREATE INDEX IF NOT EXISTS outcomes_by_status_newest_first ON outcomes (status, completed_at DESC);
        CREATE INDEX IF NOT EXISTS outcomes_by_run_tally ON outcomes (run_id, completed_at, status, model_version, confidence);
        """;

    public async Task<IReadOnlyList<VersionTally>> TallyVersionsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // The name and hash of each version's latest outcome: SQLite takes bare columns from the row that gave MAX().
        command.CommandText = """
            SELECT model_version, COUNT(*), MAX(completed_at), model_name, model_sha256 FROM outcomes
            WHERE model_version <> '' AND completed_at >= $from AND completed_at < $to
            GROUP BY model_version
            """;
        command.Parameters.AddWithValue("$from", Time(from));
        command.Parameters.AddWithValue("$to", Time(to));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var tallies = new List<VersionTally>();
        while (await reader.ReadAsync(cancellationToken))
            tallies.Add(new VersionTally(reader.GetString(0), reader.IsDBNull(3) ? "" : reader.GetString(3), reader.IsDBNull(4) ? "" : reader.GetString(4),
                reader.GetInt32(1), DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture)));
        return tallies;
    }

    public async Task<IReportRows> OpenReportRowsAsync(ReportScope scope, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        // Its own connection, unpooled: the rows live in a temporary table of that connection until it is disposed.
        var connection = new Microsoft.Data.Sqlite.SqliteConnection(connectionString.Replace("Pooling=True", "Pooling=False", StringComparison.Ordinal));
        try
        {
            await connection.OpenAsync(cancellationToken);
            return await SqliteReportRows.OpenAsync(connection, scope, cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Counted in two passes: the runs' outcomes over a covering index, then the few reviewed images joined to
    /// their outcomes, so that no outcome needs a look-up of its reviews.</summary>
    public async Task<IReadOnlyList<RunTally>> TallyRunsAsync(RunTallyQuery query, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var needsPerson = $"(o.status = 'needs_retake' OR o.status = 'classified' AND o.confidence < {ThresholdOf(query, command)})";
        command.CommandText = $"""
            WITH runs AS (
                SELECT COALESCE(o.run_id, '(no run)') AS run, MAX(o.completed_at) AS last, COUNT(DISTINCT o.image_id) AS images,
                       SUM(o.status = 'classified') AS classified, SUM(o.status = 'needs_retake') AS retakes, SUM(o.status = 'rejected') AS rejected,
                       SUM({needsPerson}) AS unsure
                FROM outcomes o WHERE o.completed_at >= $from GROUP BY o.run_id),
            reviewed AS (
                SELECT COALESCE(o.run_id, '(no run)') AS run, COUNT(*) AS reviewed, SUM({needsPerson}) AS settled
                FROM (SELECT DISTINCT image_id FROM reviews) r CROSS JOIN outcomes o ON o.image_id = r.image_id
                WHERE o.completed_at >= $from GROUP BY o.run_id)
            SELECT runs.run, last, images, classified, retakes, rejected, unsure - COALESCE(settled, 0), COALESCE(reviewed, 0)
            FROM runs LEFT JOIN reviewed ON reviewed.run = runs.run
            ORDER BY last DESC LIMIT $limit
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

    /// <summary>"CASE o.model_version WHEN … THEN … ELSE default END", its values as parameters of the command.</summary>
    private static string ThresholdOf(RunTallyQuery query, Microsoft.Data.Sqlite.SqliteCommand command)
    {
        var sql = new StringBuilder("CASE o.model_version");
        var i = 0;
        foreach (var (version, threshold) in query.Thresholds)
        {
            sql.Append($" WHEN $v{i} THEN $t{i}");
            command.Parameters.AddWithValue($"$v{i}", version);
            command.Parameters.AddWithValue($"$t{i}", threshold);
            i++;
        }
        command.Parameters.AddWithValue("$default", query.DefaultThreshold);
        return sql.Append(" ELSE $default END").ToString();
    }
}
