namespace Returns.ServiceDefaults.Http;

/// <summary>
/// What a caller may do. An API key carries scopes; a person signed in to the staff console (a second
/// authentication scheme, added later) gets the same "scope" claims from their role, so one set of policies
/// serves both: reviewer → read, admin → admin.
/// </summary>
public static class Scopes
{
    public const string ClaimType = "scope";

    /// <summary>Send images (POST /api/images).</summary>
    public const string Ingest = "ingest";

    /// <summary>Read results and reports.</summary>
    public const string Read = "read";

    /// <summary>Everything, including compiling reports on demand.</summary>
    public const string Admin = "admin";

    /// <summary>Read the Prometheus scrape endpoint, /metrics (and nothing else).</summary>
    public const string Metrics = "metrics";

    public static readonly string[] All = [Ingest, Read, Admin, Metrics];
}
