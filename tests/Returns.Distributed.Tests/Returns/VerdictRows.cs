using System.Text.Json;
using Returns.Testing;
using Returns.Contracts;

namespace Returns.Distributed.Tests.Returns;

/// <summary>The current verdict of each line, read straight from the results database, as an auditor would.</summary>
public static class VerdictRows
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<ReturnLineAssessed> Read(string database) => DatabaseRows.Query(database,
        "SELECT message FROM line_verdicts", r => JsonSerializer.Deserialize<ReturnLineAssessed>(r.GetString(0), Json)!);

    public static ReturnLineAssessed Of(this IEnumerable<ReturnLineAssessed> verdicts, (string ReturnId, string LineId) line) =>
        verdicts.Single(v => v.ReturnId == line.ReturnId && v.LineId == line.LineId);
}
