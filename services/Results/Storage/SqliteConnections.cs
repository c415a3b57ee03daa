using Microsoft.Data.Sqlite;

namespace Returns.Results.Storage;

/// <summary>How the results database's stores open it: pooled, waiting up to 30 s for a writer.</summary>
public static class SqliteConnections
{
    public static string For(string sqlitePath) => new SqliteConnectionStringBuilder
    {
        DataSource = Path.GetFullPath(sqlitePath),
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    /// <summary>Opens a connection. <paramref name="replayable"/> writes (outcomes, their thumbnails, shadow outcomes)
    /// skip the disk flush per commit (synchronous = NORMAL in WAL, a per-connection setting): a process that dies
    /// loses nothing committed, and a power cut can lose only the last commits, whose images then show as pending and
    /// are classified again by the next run. What cannot be replayed (reviews, returns and their lines, staff users)
    /// keeps a flush per commit.</summary>
    public static async Task<SqliteConnection> OpenAsync(string connectionString, bool replayable, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        if (replayable)
        {
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA synchronous = NORMAL;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }
        return connection;
    }
}
