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
}
