using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Returns.Testing;

namespace Returns.Pipeline.Tests;

/// <summary>A full disk, a locked database and a damaged database are faults of the data folder: `returns run` stops
/// fast with one clear line and exit code 3, and never records them as a property of a photo.</summary>
public sealed class StorageFaultTests : IDisposable
{
    private const int ExitStorageFault = 3;

    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("returns-storage-");

    private string Inbox => Path.Combine(work.FullName, "inbox");
    private string Out => Path.Combine(work.FullName, "report");
    private string Data => Path.Combine(work.FullName, "data");
    private string Database => Path.Combine(Data, "results.db");

    [Fact]
    public async Task A_full_data_disk_fails_the_run_and_no_photo_is_recorded_as_unreadable_even_after_a_successful_rerun()
    {
        using var disk = new SmallDisk(Data, megabytes: 8);
        Directory.CreateDirectory(Inbox);
        File.Copy(RepoPaths.SamplePhoto(0), Path.Combine(Inbox, "first.jpg"));
        var first = await RunAsync();
        Assert.True(first.ExitCode == 0, first.Output);

        // Room for a database row, not for a 1 MiB photo in the claim check.
        disk.Fill(leftBytes: 256 * 1024);
        File.WriteAllBytes(Path.Combine(Inbox, "large.jpg"), [.. File.ReadAllBytes(RepoPaths.SamplePhoto(1)), .. new byte[1024 * 1024]]);
        // Before: "large.jpg" was rejected as unreadable, and the run exited 0.
        var full = await RunAsync();
        Assert.True(full.ExitCode == ExitStorageFault, full.Output);
        Assert.Contains("disk is full", full.Output);
        Assert.DoesNotContain("Unhandled exception", full.Output);

        disk.Free();
        var rerun = await RunAsync();
        Assert.True(rerun.ExitCode == 0, rerun.Output);
        var rows = StoredRow.Read(Database);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.NotEqual("rejected", r.Status));
    }

    [Theory]
    [InlineData("header")]
    [InlineData("mid-file")]
    public async Task A_damaged_results_database_fails_the_run_within_seconds_not_at_its_timeout(string where)
    {
        Inboxes.Variants(Inbox, 12);
        var first = await RunAsync();
        Assert.True(first.ExitCode == 0, first.Output);
        Checkpoint();
        var length = new FileInfo(Database).Length;
        Assert.True(length >= 8 * 4096, $"the database has {length} bytes: too few pages to damage the middle");
        using (var file = new FileStream(Database, FileMode.Open, FileAccess.Write))
        {
            file.Position = where == "header" ? 0 : 4096 * 2; // past the header page and the schema, into the tables
            file.Write(Enumerable.Range(0, where == "header" ? 100 : (int)length - 3 * 4096).Select(i => (byte)(i * 37 + 11)).ToArray());
        }
        Inboxes.Unique(Path.Combine(Inbox, "second"), 6);

        var clock = Stopwatch.StartNew();
        // Before: mid-file damage made the run wait out its whole --timeout (then exit 2, "pending").
        var damaged = await RunAsync("--timeout", "00:02:00");
        Assert.True(damaged.ExitCode == ExitStorageFault, damaged.Output);
        Assert.Contains("results database is damaged", damaged.Output);
        Assert.DoesNotContain("Unhandled exception", damaged.Output);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_results_database_locked_by_another_process_fails_the_run_with_a_clear_message()
    {
        Directory.CreateDirectory(Inbox);
        File.Copy(RepoPaths.SamplePhoto(0), Path.Combine(Inbox, "first.jpg"));
        var first = await RunAsync();
        Assert.True(first.ExitCode == 0, first.Output);
        File.Copy(RepoPaths.SamplePhoto(1), Path.Combine(Inbox, "second.jpg"));

        // Another program holds the database exclusively (a backup tool, a stuck second process).
        var clock = Stopwatch.StartNew();
        (int ExitCode, string Output) locked;
        using (var holder = new SqliteConnection($"Data Source={Database};Pooling=False"))
        {
            holder.Open();
            using (var command = holder.CreateCommand())
            {
                command.CommandText = "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; DELETE FROM outcomes WHERE 0;";
                command.ExecuteNonQuery();
            }
            clock.Restart();
            locked = await RunAsync("--timeout", "00:03:00");
        }
        Assert.True(locked.ExitCode == ExitStorageFault, locked.Output);
        Assert.Contains("locked by another process", locked.Output);
        Assert.DoesNotContain("Unhandled exception", locked.Output);
        // SQLite waits for a writer up to 30 s (SqliteConnections' busy timeout) before it calls the database locked.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(100), $"took {clock.Elapsed}");
        Assert.Empty(StoredRow.Read(Database).Where(r => r.Status == "rejected").ToArray());
    }

    private Task<(int ExitCode, string Output)> RunAsync(params string[] extra) =>
        CliProcess.RunAsync(["run", "--inbox", Inbox, "--out", Out, "--data", Data, .. extra]);

    /// <summary>Moves the WAL into the main file, so that damaging the file damages the data.</summary>
    private void Checkpoint()
    {
        using (var connection = new SqliteConnection($"Data Source={Database};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            command.ExecuteNonQuery();
        }
        SqliteConnection.ClearAllPools();
    }

    public void Dispose() => work.Delete(recursive: true);
}
