using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Returns.ServiceDefaults.Http;

public static class HttpSecurityExtensions
{
    /// <summary>The default authentication scheme: forwards to the API-key scheme when an X-Api-Key header is sent,
    /// otherwise to <see cref="ReturnsSchemes.ForPeople"/> (the console's cookie sign-in, once it exists).</summary>
    public const string DefaultScheme = "Returns";

    /// <summary>
    /// Closed by default: every endpoint needs an authenticated caller (health endpoints opt out), scopes become
    /// policies, each caller gets its own rate limit, the body limit applies to every request, and errors are
    /// ProblemDetails without server paths. A distributed service without any API key refuses to start.
    /// </summary>
    /// <param name="requireApiKeys">false for a host whose only guarded endpoint is /metrics (the classifier worker):
    /// without keys it starts, and /metrics is simply closed.</param>
    public static AuthenticationBuilder AddReturnsHttpSecurity(this WebApplicationBuilder builder, bool requireApiKeys = true)
    {
        var limits = builder.AddValidatedOptions<HttpLimitsOptions>(HttpLimitsOptions.Section);
        builder.Services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiKeyOptions.Section).ValidateDataAnnotations()
            // A host where people sign in (the staff console) is not open without keys: its pages need a signed-in person.
            .Validate<IOptions<MessagingOptions>, ReturnsSchemes>((keys, messaging, schemes) =>
                    !requireApiKeys || keys.ApiKeys.Count > 0 || !messaging.Value.Distributed || schemes.ForPeople is not null,
                "no API keys are configured (Authentication:ApiKeys): a distributed Returns service does not start open. "
                + "Add at least one key as Name, KeySha256 and Scopes (see docs/SECURITY.md)")
            .ValidateOnStart();

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes);
        builder.Services.Configure<FormOptions>(form => form.MultipartBodyLengthLimit = limits.MaxRequestBodyBytes);
        builder.Services.AddProblemDetails();
        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            if (limits.KnownProxies.Length > 0)
            {
                forwarded.KnownProxies.Clear();
                forwarded.KnownIPNetworks.Clear();
                foreach (var proxy in limits.KnownProxies)
                    forwarded.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });
        builder.Services.AddRateLimiter(PerCaller);
        builder.Services.AddSingleton<ReturnsSchemes>();
        builder.Services.AddAuthorization(authorization =>
        {
            authorization.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
            authorization.AddPolicy(Scopes.Ingest, p => p.RequireClaim(Scopes.ClaimType, Scopes.Ingest));
            authorization.AddPolicy(Scopes.Read, p => p.RequireClaim(Scopes.ClaimType, Scopes.Read));
            authorization.AddPolicy(Scopes.Admin, p => p.RequireClaim(Scopes.ClaimType, Scopes.Admin));
            authorization.AddPolicy(Scopes.Metrics, p => p.RequireClaim(Scopes.ClaimType, Scopes.Metrics));
        });
        return builder.Services.AddAuthentication(DefaultScheme)
            .AddPolicyScheme(DefaultScheme, "API key or signed-in person", policy => policy.ForwardDefaultSelector = context =>
                ApiKeyAuthenticationHandler.Sent(context.Request)
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : context.RequestServices.GetRequiredService<ReturnsSchemes>().ForPeople ?? ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
    }

    /// <summary>The middleware in the order it must run: the client's address and scheme behind a known proxy, security
    /// headers, errors as ProblemDetails, body limit, who is calling, how often, and what they may do.</summary>
    public static WebApplication UseReturnsHttpSecurity(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.Use(SecurityHeaders);
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePages();
        app.Use(EnforceBodyLimit);
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }

    /// <summary>On every answer, pages, reports, APIs and errors alike: scripts only from this origin, no framing
    /// (clickjacking), no type sniffing, no full URLs sent to other sites. Inline style attributes stay allowed (the
    /// pages and the report use them); inline scripts do not.</summary>
    public const string ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        + "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static Task SecurityHeaders(HttpContext context, Func<Task> next)
    {
        // When the answer starts: the exception handler clears the headers set before it.
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        return next();
    }

    private static async Task EnforceBodyLimit(HttpContext context, Func<Task> next)
    {
        var max = context.RequestServices.GetRequiredService<IOptions<HttpLimitsOptions>>().Value.MaxRequestBodyBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = max;
        if (context.Request.ContentLength > max)
        {
            await Problems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request too large",
                $"the body is over the {max:N0}-byte limit (Http:MaxRequestBodyBytes)");
            return;
        }
        await next();
    }

    private static void PerCaller(RateLimiterOptions options)
    {
        options.OnRejected = async (rejected, _) =>
        {
            if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                rejected.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString();
            await Problems.WriteAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests",
                "this caller's rate limit is used up; try again after the Retry-After interval");
        };
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            var limits = context.RequestServices.GetRequiredService<IOptions<HttpLimitsOptions>>().Value;
            if (context.User.Identity is not { IsAuthenticated: true, Name: var name })
                return RateLimitPartition.GetFixedWindowLimiter("address:" + context.Connection.RemoteIpAddress, _ => PerMinute(limits.AnonymousRequestsPerMinute));
            // A page of results shows 50 previews: counted with the pages, a dozen views of Results would lock a person out.
            return IsPreview(context.Request)
                ? RateLimitPartition.GetFixedWindowLimiter("previews:" + name, _ => PerMinute(limits.PreviewRequestsPerMinutePerKey))
                : RateLimitPartition.GetFixedWindowLimiter("caller:" + name, _ => PerMinute(limits.RequestsPerMinutePerKey));
        });
    }

    /// <summary>What a page pulls in beside itself: an image's preview or a stylesheet or script.</summary>
    private static bool IsPreview(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && (request.Path.StartsWithSegments("/assets")
            || request.Path.StartsWithSegments("/api/results") && request.Path.Value!.EndsWith("/thumbnail", StringComparison.Ordinal));

    private static FixedWindowRateLimiterOptions PerMinute(int permits) =>
        new() { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true };
}

/// <summary>Which scheme signs in people. The staff console sets <see cref="ForPeople"/> to its cookie scheme;
/// the scope policies stay as they are.</summary>
public sealed class ReturnsSchemes
{
    public string? ForPeople { get; set; }
}
