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
    private volatile bool signedOutColumnChecked;

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
            INSERT INTO staff_users (name, role, password_hash, disabled, created_at, updated_at, signed_out_at)
            VALUES ($name, $role, $hash, $disabled, $created, $updated, $signedOut)
            ON CONFLICT (name) DO UPDATE SET role = $role, password_hash = $hash, disabled = $disabled, updated_at = $updated,
                signed_out_at = $signedOut;
            """;
        command.Parameters.AddWithValue("$name", user.Name);
        command.Parameters.AddWithValue("$role", user.Role);
        command.Parameters.AddWithValue("$hash", user.PasswordHash);
        command.Parameters.AddWithValue("$disabled", user.Disabled ? 1 : 0);
        command.Parameters.AddWithValue("$created", Text(user.CreatedAt));
        command.Parameters.AddWithValue("$updated", user.UpdatedAt is { } updated ? Text(updated) : DBNull.Value);
        command.Parameters.AddWithValue("$signedOut", user.SignedOutAt is { } signedOut ? Text(signedOut) : DBNull.Value);
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
        SqliteConnections.CreateFolder(options.Value.SqlitePath);
        var connection = await SqliteConnections.OpenAsync(connectionString, replayable: false, cancellationToken);
        await using var schema = connection.CreateCommand();
        schema.CommandText = """
            CREATE TABLE IF NOT EXISTS staff_users (
                name          TEXT NOT NULL PRIMARY KEY,
                role          TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                disabled      INTEGER NOT NULL,
                created_at    TEXT NOT NULL,
                updated_at    TEXT,
                signed_out_at TEXT
            ) WITHOUT ROWID;
            """;
        await schema.ExecuteNonQueryAsync(cancellationToken);
        if (!signedOutColumnChecked)
        {
            // Files written before sign-out was recorded get the column (empty: nobody has signed out since).
            schema.CommandText = "SELECT COUNT(*) FROM pragma_table_info('staff_users') WHERE name = 'signed_out_at'";
            if (Convert.ToInt64(await schema.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 0)
            {
                schema.CommandText = "ALTER TABLE staff_users ADD COLUMN signed_out_at TEXT";
                await schema.ExecuteNonQueryAsync(cancellationToken);
            }
            signedOutColumnChecked = true;
        }
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
        UpdatedAt = Time(r, "updated_at"),
        SignedOutAt = Time(r, "signed_out_at"),
    };

    private static DateTimeOffset? Time(SqliteDataReader r, string column) =>
        r.IsDBNull(r.GetOrdinal(column)) ? null : DateTimeOffset.Parse(r.GetString(r.GetOrdinal(column)), CultureInfo.InvariantCulture);
}
