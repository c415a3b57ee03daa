using System.Globalization;

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
        CREATE INDEX IF NOT EXISTS outcomes_by_label_newest_first ON outcomes (label, completed_at DESC);
        CREATE INDEX IF NOT EXISTS outcomes_by_status_newest_first ON outcomes (status, completed_at DESC);
        CREATE INDEX IF NOT EXISTS outcomes_by_run_status ON outcomes (run_id, status, model_version, confidence);
        DROP INDEX IF EXISTS outcomes_for_review;
        DROP INDEX IF EXISTS outcomes_by_run_tally;
        """;

    public async Task<IReadOnlyList<VersionTally>> TallyVersionsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // Counted in outcomes_by_version_newest_first alone (a million outcomes' rows looked up one by one took 10 s);
        // then the name and hash of each version's latest outcome, one look-up per version.
        command.CommandText = """
            SELECT t.model_version, t.outcomes, t.latest,
                   (SELECT model_name FROM outcomes o WHERE o.model_version = t.model_version AND o.completed_at = t.latest),
                   (SELECT model_sha256 FROM outcomes o WHERE o.model_version = t.model_version AND o.completed_at = t.latest)
            FROM (SELECT model_version, COUNT(*) AS outcomes, MAX(completed_at) AS latest
                  FROM outcomes INDEXED BY outcomes_by_version_newest_first
                  WHERE model_version <> '' AND completed_at >= $from AND completed_at < $to
                  GROUP BY model_version) t
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
}
