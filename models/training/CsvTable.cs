using System.Text;

namespace Returns.Training;

/// <summary>Reads a CSV file with a header row (RFC 4180 quoting, as CsvCells writes it) into rows keyed by column name.</summary>
public static class CsvTable
{
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Read(string path, params string[] required) =>
        Parse(File.ReadAllText(path), path, required);

    /// <param name="path">names the file in messages.</param>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Parse(string text, string path, params string[] required)
    {
        var records = Records(text).ToArray();
        if (records.Length == 0)
            throw new InvalidDataException($"{path} has no header row");
        var header = records[0];
        if (required.Except(header).ToArray() is [_, ..] missing)
            throw new InvalidDataException($"{path} has no column {string.Join(", ", missing)}");
        return records.Skip(1)
            .Select((cells, index) => cells.Length == header.Length
                ? (IReadOnlyDictionary<string, string>)header.Zip(cells).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal)
                : throw new InvalidDataException($"{path}: row {index + 2} has {cells.Length} cells, the header {header.Length}"))
            .ToArray();
    }

    private static IEnumerable<string[]> Records(string text)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"')
                    cell.Append(c);
                else if (i + 1 < text.Length && text[i + 1] == '"')
                    cell.Append(text[++i]);
                else
                    quoted = false;
            }
            else if (c == '"')
                quoted = true;
            else if (c == ',')
                cells.Add(Take(cell));
            else if (c == '\n')
            {
                cells.Add(Take(cell));
                yield return cells.ToArray();
                cells.Clear();
            }
            else if (c != '\r')
                cell.Append(c);
        }
        if (cell.Length > 0 || cells.Count > 0)
        {
            cells.Add(Take(cell));
            yield return cells.ToArray();
        }
    }

    private static string Take(StringBuilder cell)
    {
        var value = cell.ToString();
        cell.Clear();
        return value;
    }
}
