using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Returns.Staff.Tests;

/// <summary>What a browser and a proxy see: security headers on every answer, the client's own address and scheme
/// behind a known TLS proxy (a Secure cookie, lockout per client), and sign-in lockout per account.</summary>
public sealed class HttpHardeningTests : IAsyncLifetime
{
    private const string Proxy = "10.0.0.5";
    private ConsoleHost host = null!;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => host = await ConsoleHost.StartAsync(Token, web => web
        .UseSetting("Http:KnownProxies:0", Proxy)
        .UseSetting("Http:FailedSignInsPerAddress", "8")
        .ConfigureServices(services => services.AddTransient<IStartupFilter, ThroughProxy>()));

    public ValueTask DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task Every_answer_carries_the_security_headers_pages_apis_assets_and_errors_alike()
    {
        using var reviewer = await host.SignedInAsync("rita", ConsoleHost.ReviewerPassword, Token);
        using var anonymous = host.Anonymous();
        foreach (var (client, path) in new[] { (anonymous, "/login"), (reviewer, "/results"), (reviewer, "/api/results"),
                     (reviewer, "/assets/site.css"), (reviewer, "/no-such-page"), (anonymous, "/api/results") })
        {
            using var response = await client.GetAsync(path, Token);
            // Before: none of these headers on any answer.
            var csp = string.Join(";", response.Headers.TryGetValues("Content-Security-Policy", out var v) ? v : []);
            Assert.True(csp.Contains("frame-ancestors 'none'", StringComparison.Ordinal), $"{path}: CSP '{csp}'");
            Assert.Contains("script-src 'self'", csp);
            Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
            Assert.Equal(["same-origin"], response.Headers.GetValues("Referrer-Policy"));
        }
    }

    [Fact]
    public async Task Wrong_passwords_lock_that_account_even_with_the_right_password_but_not_another_account_at_the_same_address()
    {
        using var guesser = host.Anonymous();
        for (var i = 0; i < 5; i++)
            (await ConsoleHost.PostFormAsync(guesser, "/login", new() { ["Name"] = "rita", ["Password"] = $"guess {i}" }, Token)).Dispose();

        // Before: no limit per account; the right password still worked.
        using var rita = await ConsoleHost.PostFormAsync(host.Anonymous(), "/login",
            new() { ["Name"] = "rita", ["Password"] = ConsoleHost.ReviewerPassword }, Token);
        Assert.Equal(HttpStatusCode.TooManyRequests, rita.StatusCode);
        Assert.Contains("Too many failed sign-ins", await rita.Content.ReadAsStringAsync(Token));
        using var ada = await host.SignedInAsync("ada", ConsoleHost.AdminPassword, Token);
        Assert.Equal(HttpStatusCode.OK, (await ada.GetAsync("/results", Token)).StatusCode);
    }

    [Fact]
    public async Task Behind_a_known_tls_proxy_the_cookie_is_secure_and_one_guessing_client_does_not_lock_out_the_others()
    {
        using var guesser = Through("203.0.113.7");
        for (var i = 0; i < 8; i++)
            (await ConsoleHost.PostFormAsync(guesser, "/login", new() { ["Name"] = $"nobody{i}", ["Password"] = "guess" }, Token)).Dispose();
        using (var locked = await ConsoleHost.PostFormAsync(guesser, "/login", new() { ["Name"] = "ada", ["Password"] = ConsoleHost.AdminPassword }, Token))
            Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);

        // Another warehouse PC behind the same proxy: before, every client had the proxy's address.
        using var colleague = Through("203.0.113.8");
        using var signIn = await ConsoleHost.PostFormAsync(colleague, "/login",
            new() { ["Name"] = "ada", ["Password"] = ConsoleHost.AdminPassword }, Token);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("returns.staff=", StringComparison.Ordinal));
        // Before: no Secure flag, as the proxy spoke plain HTTP to the console.
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A client of the TLS proxy: the proxy says who it is and that it came over HTTPS.</summary>
    private HttpClient Through(string client)
    {
        var http = host.Anonymous();
        http.DefaultRequestHeaders.Add("X-Forwarded-For", client);
        http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        return http;
    }

    /// <summary>The test server has no socket: every connection comes from the proxy's address, as behind a real one.</summary>
    private sealed class ThroughProxy : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(Proxy);
                return following(context);
            });
            next(app);
        };
    }
}
