namespace Returns.Ingest;

public static class SourceNames
{
    /// <summary>A display name that is safe to log and store: relative, no "..", no control characters, bounded
    /// length. It is only ever a label; no path is built from it.</summary>
    public static string Safe(string? name)
    {
        var segments = (name ?? "").Replace('\\', '/').Split('/')
            .Select(s => new string(s.Where(c => !char.IsControl(c)).ToArray()).Trim())
            .Where(s => s is not ("" or "." or ".."));
        var clean = string.Join('/', segments);
        if (clean == "")
            clean = "unnamed";
        return clean.Length <= 200 ? clean : clean[^200..];
    }
}
