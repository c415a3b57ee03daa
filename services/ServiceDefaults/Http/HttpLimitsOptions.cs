using System.ComponentModel.DataAnnotations;

namespace Returns.ServiceDefaults.Http;

/// <summary>Binds "Http": how much one caller may send, and how often.</summary>
public sealed class HttpLimitsOptions
{
    public const string Section = "Http";

    /// <summary>The largest request body, enforced by Kestrel and checked on every request.</summary>
    [Range(1, long.MaxValue)]
    public long MaxRequestBodyBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Requests per minute for one API key (or one signed-in person).</summary>
    [Range(1, 1_000_000)]
    public int RequestsPerMinutePerKey { get; set; } = 600;

    /// <summary>Previews (thumbnails) and assets per minute for one key or person, counted apart from the requests above:
    /// one view of Results asks for 50 of them.</summary>
    [Range(1, 1_000_000)]
    public int PreviewRequestsPerMinutePerKey { get; set; } = 6000;

    /// <summary>Requests per minute from one address without credentials (they only ever get 401).</summary>
    [Range(1, 1_000_000)]
    public int AnonymousRequestsPerMinute { get; set; } = 120;

    /// <summary>Addresses of the reverse proxies (TLS terminators) whose X-Forwarded-For and X-Forwarded-Proto are
    /// believed: the caller's address then is the client's (for rate limits and sign-in lockout), and a request that
    /// reached the proxy over HTTPS counts as HTTPS (the sign-in cookie is then Secure). Empty: loopback only.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Failed sign-ins in a row that lock one account for <see cref="SignInLockout"/>, whatever the address.</summary>
    [Range(1, 1000)]
    public int FailedSignInsPerAccount { get; set; } = 5;

    /// <summary>Failed sign-ins from one address (any accounts) that lock that address for <see cref="SignInLockout"/>.</summary>
    [Range(1, 100_000)]
    public int FailedSignInsPerAddress { get; set; } = 50;

    public TimeSpan SignInLockout { get; set; } = TimeSpan.FromMinutes(15);
}
