namespace Returns.Ingest;

/// <summary>Where an input came from: its name (a label only, never a path), the return and line it belongs to, and the run.</summary>
public sealed record ImageSource(string Name, string? ReturnId, string? RunId, string? LineId = null)
{
    /// <summary>A return id and line id as upstream systems send them: short printable text. Anything else is ignored.</summary>
    public static string? CleanId(string? id) =>
        id is { Length: > 0 and <= 200 } && !string.IsNullOrWhiteSpace(id) && !id.Any(char.IsControl) ? id.Trim() : null;

    /// <summary>The photo names a line of a return, so results can link it to that line.</summary>
    public bool HasLine => ReturnId is not null && LineId is not null;
}
