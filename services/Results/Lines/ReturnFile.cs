using System.Globalization;
using System.Text;
using System.Text.Json;
using Returns.Contracts;
using Returns.Results.Consumers;
using Returns.ServiceDefaults;

namespace Returns.Results.Lines;

/// <summary>What a file of returns held: the returns to register, or what was wrong (each problem names its return or CSV
/// line). A file with any problem registers nothing: fix it and import it again (registering twice changes nothing).</summary>
public sealed record ReturnFileContents(IReadOnlyList<ReturnRegistered> Returns, IReadOnlyList<string> Problems)
{
    public int Lines => Returns.Sum(r => r.Lines.Count);
}

/// <summary>
/// Reads returns to register without a broker (`returns returns import`, the console's admin upload): JSON in the
/// ReturnRegistered schema (contracts/schemas/return-registered.v1.schema.json), one object or an array of them, or CSV
/// with the header returnId,orderId,lineId,sku,declaredCategory and optionally registeredAt, one row per line.
/// Every return is checked as the consumer checks it (<see cref="ReturnValidation"/>).
/// </summary>
public static class ReturnFile
{
    public const long MaxBytes = 8 * 1024 * 1024;
    public const string CsvHeader = "returnId,orderId,lineId,sku,declaredCategory,registeredAt";
    private static readonly string[] Required = ["returnid", "orderid", "lineid", "sku", "declaredcategory"];
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { AllowTrailingCommas = true, ReadCommentHandling = JsonCommentHandling.Skip };

    /// <param name="clock">Registration times are checked against it, as the consumer checks them.</param>
    public static ReturnFileContents Read(string text, TimeProvider clock)
    {
        var trimmed = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return trimmed.StartsWith('{') || trimmed.StartsWith('[') ? ReadJson(trimmed, clock) : ReadCsv(trimmed, clock);
    }

    private static ReturnFileContents ReadJson(string text, TimeProvider clock)
    {
        ReturnRegistered?[] returns;
        try
        {
            returns = text.StartsWith('[')
                ? JsonSerializer.Deserialize<ReturnRegistered?[]>(text, Json) ?? []
                : [JsonSerializer.Deserialize<ReturnRegistered>(text, Json)];
        }
        catch (JsonException e)
        {
            return new([], [$"not JSON in the ReturnRegistered schema: {e.Message}"]);
        }
        return Checked(returns.Select((r, i) => (r, $"item {i + 1}")), clock);
    }

    private static ReturnFileContents ReadCsv(string text, TimeProvider clock)
    {
        var rows = CsvRows(text).ToArray();
        if (rows.Length == 0)
            return new([], ["the file is empty"]);
        var header = rows[0].Fields.Select(h => h.Trim().Replace("_", "", StringComparison.Ordinal).ToLowerInvariant()).ToArray();
        if (Required.FirstOrDefault(r => !header.Contains(r)) is { } missing)
            return new([], [$"neither JSON nor CSV with the header {CsvHeader} (registeredAt optional): the column {missing} is missing"]);
        int Column(string name) => Array.IndexOf(header, name);
        var problems = new List<string>();
        var returns = new List<(ReturnRegistered?, string)>();
        foreach (var group in rows.Skip(1).Where(r => r.Fields.Any(f => f.Length > 0)).GroupBy(r => Field(r, Column("returnid"))))
        {
            var first = group.First();
            var where = $"CSV line {first.Line}";
            var orders = group.Select(r => Field(r, Column("orderid"))).Distinct().ToArray();
            var times = group.Select(r => Field(r, Column("registeredat"))).Distinct().ToArray();
            if (orders.Length > 1 || times.Length > 1)
            {
                problems.Add($"return {group.Key} ({where}): its lines name different order ids or registration times");
                continue;
            }
            DateTimeOffset? registeredAt = null;
            if (times[0] is { Length: > 0 } time)
            {
                if (!DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                {
                    problems.Add($"return {group.Key} ({where}): registeredAt '{time}' is not a date and time");
                    continue;
                }
                registeredAt = parsed;
            }
            returns.Add((new ReturnRegistered
            {
                ReturnId = group.Key, OrderId = orders[0], RegisteredAt = registeredAt,
                Lines = group.Select(r => new ReturnLine(Field(r, Column("lineid")), Field(r, Column("sku")), Field(r, Column("declaredcategory")))).ToArray(),
            }, where));
        }
        var checkedReturns = Checked(returns, clock);
        return problems.Count == 0 ? checkedReturns : new([], [.. problems, .. checkedReturns.Problems]);
    }

    private static ReturnFileContents Checked(IEnumerable<(ReturnRegistered? Return, string Where)> returns, TimeProvider clock)
    {
        var good = new List<ReturnRegistered>();
        var problems = new List<string>();
        foreach (var (r, where) in returns)
        {
            try
            {
                if (r is null)
                    throw new InvalidMessageException("it is empty");
                ReturnValidation.Check(r, clock);
                good.Add(r);
            }
            catch (InvalidMessageException e)
            {
                problems.Add($"{(ReturnValidation.IsId(r?.ReturnId) ? $"return {r!.ReturnId} ({where})" : where)}: {e.Message}");
            }
        }
        if (good.GroupBy(r => r.ReturnId).FirstOrDefault(g => g.Count() > 1) is { } twice)
            problems.Add($"return {twice.Key}: listed twice; give all its lines in one place");
        return new(problems.Count == 0 ? good : [], problems);
    }

    private static string Field((int Line, string[] Fields) row, int column) =>
        column >= 0 && column < row.Fields.Length ? row.Fields[column].Trim() : "";

    /// <summary>RFC 4180: fields in double quotes may hold commas, quotes (doubled) and line breaks.</summary>
    private static IEnumerable<(int Line, string[] Fields)> CsvRows(string text)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var line = 1;
        var rowLine = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else { if (c == '\n') line++; field.Append(c); }
                continue;
            }
            switch (c)
            {
                case '"': quoted = true; break;
                case ',': fields.Add(field.ToString()); field.Clear(); break;
                case '\r': break;
                case '\n':
                    fields.Add(field.ToString()); field.Clear();
                    yield return (rowLine, fields.ToArray());
                    fields.Clear();
                    rowLine = ++line;
                    break;
                default: field.Append(c); break;
            }
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return (rowLine, fields.ToArray());
        }
    }
}
