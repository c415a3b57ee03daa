using Microsoft.Extensions.Options;
using Returns.Results.Storage;

namespace Returns.Results.Tests;

/// <summary>The store contract on a real SQLite file (WAL), a new file per test.</summary>
public sealed class SqliteResultStoreTests : ResultStoreContract, IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("returns-sqlite-");

    public SqliteResultStoreTests() =>
        Store = new SqliteResultStore(Options.Create(new ResultsOptions { SqlitePath = Path.Combine(folder.FullName, "results.db") }));

    protected override IResultStore Store { get; }

    [Fact]
    public async Task The_database_runs_in_wal_mode_so_reports_read_while_consumers_write()
    {
        await Store.InitializeAsync(TestContext.Current.CancellationToken);
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={folder.FullName}/results.db");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        Assert.Equal("wal", await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        folder.Delete(recursive: true);
    }
}
