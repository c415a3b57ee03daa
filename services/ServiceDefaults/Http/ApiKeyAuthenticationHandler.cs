using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Returns.ServiceDefaults.Http;

/// <summary>The "ApiKey" scheme: the X-Api-Key header (or "Authorization: Bearer", which is what Prometheus can send),
/// hashed and compared in constant time with every configured key's hash. The signed-in principal is named after the
/// key's holder and carries its scopes.</summary>
public sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    IOptionsMonitor<ApiKeyOptions> keys, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    private const string Bearer = "Bearer ";

    /// <summary>The request carries a key for this scheme (and not, say, the console's cookie).</summary>
    public static bool Sent(HttpRequest request) =>
        request.Headers.ContainsKey(Header) || request.Headers.Authorization.ToString().StartsWith(Bearer, StringComparison.OrdinalIgnoreCase);

    private static string Key(HttpRequest request) =>
        request.Headers[Header].ToString() is { Length: > 0 } key ? key
        : request.Headers.Authorization.ToString() is var authorization && authorization.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase)
            ? authorization[Bearer.Length..].Trim()
            : "";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var given = Key(Request);
        if (given.Length == 0)
            return Task.FromResult(AuthenticateResult.NoResult());

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(given));
        ApiKeyEntry? match = null;
        foreach (var key in keys.CurrentValue.ApiKeys) // no early exit: the time taken does not say which key was close
            if (key.HashBytes() is { } expected && CryptographicOperations.FixedTimeEquals(hash, expected))
                match = key;
        if (match is null)
            return Task.FromResult(AuthenticateResult.Fail("unknown API key"));

        var scopes = match.Scopes.Contains(Scopes.Admin) ? Scopes.All : match.Scopes.ToArray();
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, match.Name), .. scopes.Select(s => new Claim(Scopes.ClaimType, s))], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{Header}\"";
        await Problems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Authentication required",
            $"send an API key in the {Header} header");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Not allowed", "this API key does not have the scope this endpoint needs");
}
