using System.Text.Json;
using Microsoft.Data.Sqlite;
using Returns.Contracts;

namespace Returns.Distributed.Tests.Returns;

/// <summary>The current verdict of each line, read straight from the results database, as an auditor would.</summary>
public static class VerdictRows
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<ReturnLineAssessed> Read(string database)
    {
        if (!File.Exists(database))
            return [];
        try
        {
            using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT message FROM line_verdicts";
            using var reader = command.ExecuteReader();
            var rows = new List<ReturnLineAssessed>();
            while (reader.Read())
                rows.Add(JsonSerializer.Deserialize<ReturnLineAssessed>(reader.GetString(0), Json)!);
            return rows;
        }
        catch (SqliteException e) when (e.Message.Contains("no such table", StringComparison.Ordinal))
        {
            return [];
        }
    }

    public static ReturnLineAssessed Of(this IEnumerable<ReturnLineAssessed> verdicts, (string ReturnId, string LineId) line) =>
        verdicts.Single(v => v.ReturnId == line.ReturnId && v.LineId == line.LineId);
}
