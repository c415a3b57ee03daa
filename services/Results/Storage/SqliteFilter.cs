using Microsoft.Data.Sqlite;

namespace Returns.Results.Storage;

/// <summary>Optional conditions of a SQLite query: each one given a value becomes a clause and a parameter of the command.</summary>
internal sealed class SqliteFilter(SqliteCommand command)
{
    private readonly List<string> clauses = [];

    public void Add(string clause, string name, object? value)
    {
        if (value is null)
            return;
        clauses.Add(clause);
        command.Parameters.AddWithValue(name, value);
    }

    /// <summary>A condition without a parameter.</summary>
    public void Add(string clause) => clauses.Add(clause);

    /// <summary>" WHERE …", or "" when nothing filters.</summary>
    public string Where => clauses.Count > 0 ? " WHERE " + string.Join(" AND ", clauses) : "";
}
