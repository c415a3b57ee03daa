using Microsoft.Data.Sqlite;

namespace Returns.Testing;

/// <summary>Reads the results database directly and read-only, as an auditor would. A file or table that does not exist
/// yet reads as no rows.</summary>
public static class DatabaseRows
{
    public static IReadOnlyList<T> Query<T>(string database, string sql, Func<SqliteDataReader, T> row)
    {
        if (!File.Exists(database))
            return [];
        try
        {
            using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            var rows = new List<T>();
            while (reader.Read())
                rows.Add(row(reader));
            return rows;
        }
        catch (SqliteException e) when (e.Message.Contains("no such table", StringComparison.Ordinal))
        {
            return [];
        }
    }
}
