using Returns.Results;
using Returns.ServiceDefaults;

namespace Returns.Cli;

/// <summary>The --data folder of the all-in-one commands, described once: the claim-check store, the SQLite results file
/// (outcomes, reviews, verdicts, users) and the reports the schedule compiles. Keep it the same from night to night, so
/// that a rerun is recognised.</summary>
public sealed record DataFolder(DirectoryInfo Root)
{
    public string ClaimCheck => Path.Combine(Root.FullName, "claim-check");
    public string ResultsDatabase => Path.Combine(Root.FullName, "results.db");
    public string Reports => Path.Combine(Root.FullName, "reports");

    /// <summary>The settings that put a host's stores here; the user's --Section:Key=value overrides come after them.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        [$"{MessagingOptions.Section}:ClaimCheckPath"] = ClaimCheck,
        [$"{ResultsOptions.Section}:SqlitePath"] = ResultsDatabase,
        [$"{ResultsOptions.Section}:ReportsPath"] = Reports,
    };
}
