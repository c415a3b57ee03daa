using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Returns.Results.Storage;
using Returns.Results;

namespace Returns.Staff.Users;

/// <summary>Users in the results' SQLite file, table staff_users.</summary>
public sealed class SqliteStaffUserStore(IOptions<ResultsOptions> options) : IStaffUserStore
{
    private readonly string connectionString = SqliteConnections.For(options.Value.SqlitePath);

    public async Task<StaffUser?> FindAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM staff_users WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task SaveAsync(StaffUser user, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO staff_users (name, role, password_hash, disabled, created_at, updated_at)
            VALUES ($name, $role, $hash, $disabled, $created, $updated)
            ON CONFLICT (name) DO UPDATE SET role = $role, password_hash = $hash, disabled = $disabled, updated_at = $updated;
            """;
        command.Parameters.AddWithValue("$name", user.Name);
        command.Parameters.AddWithValue("$role", user.Role);
        command.Parameters.AddWithValue("$hash", user.PasswordHash);
        command.Parameters.AddWithValue("$disabled", user.Disabled ? 1 : 0);
        command.Parameters.AddWithValue("$created", Text(user.CreatedAt));
        command.Parameters.AddWithValue("$updated", user.UpdatedAt is { } updated ? Text(updated) : DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<StaffUser>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM staff_users ORDER BY name";
        var users = new List<StaffUser>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            users.Add(Read(reader));
        return users;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.Value.SqlitePath))!);
        var connection = await SqliteConnections.OpenAsync(connectionString, replayable: false, cancellationToken);
        await using var schema = connection.CreateCommand();
        schema.CommandText = """
            CREATE TABLE IF NOT EXISTS staff_users (
                name          TEXT NOT NULL PRIMARY KEY,
                role          TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                disabled      INTEGER NOT NULL,
                created_at    TEXT NOT NULL,
                updated_at    TEXT
            ) WITHOUT ROWID;
            """;
        await schema.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    private static string Text(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static StaffUser Read(SqliteDataReader r) => new()
    {
        Name = r.GetString(r.GetOrdinal("name")),
        Role = r.GetString(r.GetOrdinal("role")),
        PasswordHash = r.GetString(r.GetOrdinal("password_hash")),
        Disabled = r.GetInt64(r.GetOrdinal("disabled")) != 0,
        CreatedAt = DateTimeOffset.Parse(r.GetString(r.GetOrdinal("created_at")), CultureInfo.InvariantCulture),
        UpdatedAt = r.IsDBNull(r.GetOrdinal("updated_at"))
            ? null
            : DateTimeOffset.Parse(r.GetString(r.GetOrdinal("updated_at")), CultureInfo.InvariantCulture),
    };
}
