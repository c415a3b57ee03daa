using System.Collections.Concurrent;
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
        if (Checked.TryAdd(connectionString, true))
            KeepPrivate(new SqliteConnectionStringBuilder(connectionString).DataSource);
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

    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private static readonly ConcurrentDictionary<string, bool> Checked = new(StringComparer.Ordinal);

    /// <summary>Creates the database's folder, for its owner only when it is new (the data folder also holds the
    /// photos of the claim check).</summary>
    public static void CreateFolder(string sqlitePath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(sqlitePath))!;
        if (OperatingSystem.IsWindows() || Directory.Exists(folder))
            Directory.CreateDirectory(folder);
        else
            Directory.CreateDirectory(folder, OwnerOnlyFolder);
    }

    /// <summary>The file holds the staff's password hashes: created readable and writable by its owner only (SQLite
    /// gives its -wal and -shm files the same mode), and an older file open to others is narrowed to that.</summary>
    private static void KeepPrivate(string path)
    {
        if (OperatingSystem.IsWindows() || path is "" or ":memory:")
            return;
        CreateFolder(path);
        if (!File.Exists(path))
            new FileStream(path, new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.Write, UnixCreateMode = OwnerOnlyFile })
                .Dispose();
        else if ((File.GetUnixFileMode(path) & Others) != 0)
            File.SetUnixFileMode(path, OwnerOnlyFile);
    }
}
