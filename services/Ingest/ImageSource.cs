namespace Returns.Ingest;

/// <summary>Where an input came from: its name (a label only, never a path), the return it belongs to, and the run.</summary>
public sealed record ImageSource(string Name, string? ReturnId, string? RunId);
