namespace Returns.Results.Reports;

/// <summary>CSV cells that open safely in a spreadsheet.</summary>
public static class CsvCells
{
    public static string Escape(string? cell)
    {
        if (string.IsNullOrEmpty(cell))
            return "";
        // A leading =, +, - or @ would run as a formula in a spreadsheet: keep it text.
        if (cell[0] is '=' or '+' or '-' or '@')
            cell = "'" + cell;
        return cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;
    }

    public static string Line(IEnumerable<string?> cells) => string.Join(',', cells.Select(Escape)) + "\n";
}
