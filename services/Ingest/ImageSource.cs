using Returns.ServiceDefaults;

namespace Returns.Ingest;

/// <summary>Where an input came from: its name (a label only, never a path), the return and line it belongs to, and the run.</summary>
public sealed record ImageSource(string Name, string? ReturnId, string? RunId, string? LineId = null)
{
    /// <summary>A return id and line id as upstream systems send them: short printable text. Anything else is ignored.</summary>
    public static string? CleanId(string? id) =>
        id is { Length: > 0 and <= 200 } && !string.IsNullOrWhiteSpace(id) && !id.Any(char.IsControl) ? id.Trim() : null;

    /// <summary>The fields of an upload that name a return, line or run, when present, must be ids (printable, no control or
    /// bidi characters, at most 200 characters): what is wrong with each, by field. An upload is refused rather than its
    /// photo kept without the line it was sent for.</summary>
    public static Dictionary<string, string[]> Problems(IReadOnlyDictionary<string, string> fields)
    {
        var problems = new Dictionary<string, string[]>();
        foreach (var (field, name) in new[] { ("returnId", "return id"), ("lineId", "line id"), ("runId", "run id") })
            if (fields.TryGetValue(field, out var value) && EdgeChecks.IdProblem(name, value) is { } problem)
                problems[field] = [problem];
        return problems;
    }

    /// <summary>The photo names a line of a return, so results can link it to that line.</summary>
    public bool HasLine => ReturnId is not null && LineId is not null;
}
