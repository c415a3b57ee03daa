using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Returns.Results.Storage;

namespace Returns.Results.Tests;

/// <summary>A results.db of the test's own, opened by stores as the service opens it and edited with plain SQL, to
/// make it look like a file an older version wrote.</summary>
public abstract class SqliteFileTest : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("returns-sqlite-file-");

    protected string Path => System.IO.Path.Combine(folder.FullName, "results.db");
    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    protected SqliteResultStore Open() => new(Options.Create(new ResultsOptions { SqlitePath = Path }));

    protected async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection(SqliteConnections.For(Path));
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Token);
    }

    protected async Task<List<T>> ReadAsync<T>(string sql, Func<SqliteDataReader, T> read)
    {
        await using var connection = new SqliteConnection(SqliteConnections.For(Path));
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(Token);
        while (await reader.ReadAsync(Token))
            rows.Add(read(reader));
        return rows;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        folder.Delete(recursive: true);
        GC.SuppressFinalize(this);
    }
}
