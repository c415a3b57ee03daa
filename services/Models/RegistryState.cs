namespace Returns.Models;

/// <summary>registry.json: the production alias, the version in shadow (if any) and every change to either, oldest
/// first. A file written by older tools holds only "production"; its history starts empty.</summary>
public sealed record RegistryState
{
    public required string Production { get; init; }
    public string? Shadow { get; init; }
    public IReadOnlyList<RegistryEvent> History { get; init; } = [];
}

/// <summary>One change: who did what to which version, when and why. <see cref="Previous"/> is the version that held
/// the alias before (production for promote and rollback, shadow for shadow changes).</summary>
public sealed record RegistryEvent(string Action, string? Version, string? Previous, string By, DateTimeOffset At, string? Reason);

public static class RegistryActions
{
    public const string Promote = "promote";
    public const string Rollback = "rollback";
    public const string Register = "register";
    public const string Shadow = "shadow";
    public const string EndShadow = "end-shadow";
}

/// <summary>What the registry knows about one version: its card and whether it is production, in shadow or a candidate.</summary>
public sealed record RegisteredVersion(string Version, string Status, ModelCard Card);

public static class VersionStatuses
{
    public const string Production = "production";
    public const string Shadow = "shadow";
    public const string Candidate = "candidate";
}
