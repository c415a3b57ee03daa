using Microsoft.Data.Sqlite;

namespace Returns.Testing;

/// <summary>A row of the results database, read directly, as an auditor would.</summary>
public sealed record StoredRow(string ImageId, string ModelVersion, string Status, string? Worker, string? RunId, string CompletedAt = "")
{
    public static IReadOnlyList<StoredRow> Read(string database)
    {
        if (!File.Exists(database))
            return [];
        try
        {
            using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT image_id, model_version, status, worker, run_id, completed_at FROM outcomes";
            using var reader = command.ExecuteReader();
            var rows = new List<StoredRow>();
            while (reader.Read())
                rows.Add(new StoredRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5)));
            return rows;
        }
        catch (SqliteException e) when (e.Message.Contains("no such table", StringComparison.Ordinal))
        {
            return [];
        }
    }
}
