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

    [Fact, System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task The_database_and_its_new_folder_are_readable_by_their_owner_only()
    {
        // results.db holds the staff's password hashes.
        var path = Path.Combine(folder.FullName, "new-data", "results.db");
        var store = new SqliteResultStore(Options.Create(new ResultsOptions { SqlitePath = path }));

        await store.InitializeAsync(TestContext.Current.CancellationToken);
        await store.SaveAsync(Outcomes.Classified(new string('1', 64), "hat", 0.9f), TestContext.Current.CancellationToken);

        // Before: 644 (rw-r--r--) under the usual umask, and the folder 755.
        const UnixFileMode owner = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        Assert.Equal(owner, File.GetUnixFileMode(path));
        Assert.Equal(owner, File.GetUnixFileMode(path + "-wal"));
        Assert.Equal(owner | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
    }

    [Fact, System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task An_older_database_readable_by_others_is_narrowed_to_its_owner()
    {
        var path = Path.Combine(folder.FullName, "results.db");
        File.WriteAllBytes(path, []);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var store = new SqliteResultStore(Options.Create(new ResultsOptions { SqlitePath = path }));

        await store.InitializeAsync(TestContext.Current.CancellationToken);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public async Task A_file_from_before_stored_at_existed_gains_the_column_and_keeps_its_rows()
    {
        var token = TestContext.Current.CancellationToken;
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={folder.FullName}/results.db"))
        {
            await connection.OpenAsync(token);
            await using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE outcomes (image_id TEXT NOT NULL, model_version TEXT NOT NULL, status TEXT NOT NULL, source_name TEXT NOT NULL,
                    return_id TEXT, run_id TEXT, model_name TEXT, model_sha256 TEXT, label TEXT, confidence REAL, top_k TEXT NOT NULL,
                    stage TEXT, reason TEXT, detail TEXT, worker TEXT, received_at TEXT NOT NULL, completed_at TEXT NOT NULL,
                    PRIMARY KEY (image_id, model_version)) WITHOUT ROWID;
                INSERT INTO outcomes VALUES ('old', 'v1', 'classified', 'old.jpg', NULL, NULL, NULL, NULL, 'hat', 0.9, '[]',
                    NULL, NULL, NULL, NULL, '2026-11-01T00:00:00.0000000+00:00', '2026-11-01T00:00:01.0000000+00:00');
                """;
            await command.ExecuteNonQueryAsync(token);
        }

        await Store.SaveAsync(Outcomes.Classified("new", "shoes", 0.9f) with { StoredAt = DateTimeOffset.UnixEpoch }, token);

        var found = (await Store.FindAsync(["old", "new"], "v1", token)).ToDictionary(o => o.ImageId);
        Assert.Null(found["old"].StoredAt);
        Assert.Equal("hat", found["old"].Label);
        Assert.Equal(DateTimeOffset.UnixEpoch, found["new"].StoredAt);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        folder.Delete(recursive: true);
    }
}
