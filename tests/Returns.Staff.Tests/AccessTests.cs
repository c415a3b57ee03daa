using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Returns.Testing;

namespace Returns.Staff.Tests;

/// <summary>Who may open what: nothing without signing in (health checks and the sign-in page aside), admin pages only
/// for admins, and no cookie-authenticated API call without the page's antiforgery token.</summary>
public sealed class AccessTests : IAsyncLifetime
{
    private ConsoleHost host = null!;
    private static CancellationToken Token => TestContext.Current.CancellationToken;
    private static readonly string[] Open = ["/health/live", "/health/ready", "/login", "/denied", "/assets/{name}"];

    public async ValueTask InitializeAsync() => host = await ConsoleHost.StartAsync(Token);

    public ValueTask DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task Every_page_and_api_refuses_a_caller_who_has_not_signed_in()
    {
        var routes = EndpointRoutes.All(host.Factory.Services).Where(r => !Open.Contains(r.Pattern)).ToArray();
        Assert.Contains(routes, r => r.Pattern == "/review");
        Assert.Contains(routes, r => r.Pattern.StartsWith("/api/images", StringComparison.Ordinal));
        using var client = host.Anonymous();
        foreach (var (method, pattern) in routes)
        {
            var path = System.Text.RegularExpressions.Regex.Replace(pattern, "{[^}]+}", "x");
            using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Token);
            var refused = response.StatusCode == HttpStatusCode.Unauthorized
                || response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/login", StringComparison.Ordinal);
            Assert.True(refused, $"{method} {path} answered {(int)response.StatusCode} without sign-in");
        }
    }

    [Fact]
    public async Task A_page_sends_a_stranger_to_sign_in_and_an_api_answers_401()
    {
        using var client = host.Anonymous();
        using var page = await client.GetAsync("/results", Token);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/login?ReturnUrl=%2Fresults", page.Headers.Location!.PathAndQuery);
        using var api = await client.GetAsync("/staff/api/status?ids=x", Token);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_keeps_the_door_shut()
    {
        using var client = host.Anonymous();
        using var response = await ConsoleHost.PostFormAsync(client, "/login", new() { ["Name"] = "ada", ["Password"] = "guess" }, Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("do not match", await response.Content.ReadAsStringAsync(Token));
        using var after = await client.GetAsync("/review", Token);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task A_reviewer_cannot_reach_admin_pages_or_admin_apis_and_an_admin_can()
    {
        using var reviewer = await host.SignedInAsync("rita", ConsoleHost.ReviewerPassword, Token);
        using var users = await reviewer.GetAsync("/admin/users", Token);
        Assert.Equal(HttpStatusCode.Redirect, users.StatusCode);
        Assert.StartsWith("/denied", users.Headers.Location!.PathAndQuery);
        var token = await ConsoleHost.TokenAsync(reviewer, "/upload", Token);
        using var compile = new HttpRequestMessage(HttpMethod.Post, "/api/reports?from=2026-11-22T00:00Z&to=2026-11-23T00:00Z");
        compile.Headers.Add("RequestVerificationToken", token);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.SendAsync(compile, Token)).StatusCode);

        using var admin = await host.SignedInAsync("ada", ConsoleHost.AdminPassword, Token);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/users", Token)).StatusCode);
    }

    [Fact]
    public async Task An_upload_with_the_console_cookie_but_without_the_antiforgery_token_is_refused()
    {
        using var client = await host.SignedInAsync("rita", ConsoleHost.ReviewerPassword, Token);
        using var form = new MultipartFormDataContent();
        var photo = new ByteArrayContent(await File.ReadAllBytesAsync(RepoPaths.SamplePhoto(), Token));
        photo.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(photo, "files", "photo.jpg");
        using var response = await client.PostAsync("/api/images", form, Token);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Antiforgery", await response.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        using var client = await host.SignedInAsync("rita", ConsoleHost.ReviewerPassword, Token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/upload", Token)).StatusCode);
        var token = await ConsoleHost.TokenAsync(client, "/upload", Token);
        using var logout = await client.PostAsync("/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }), Token);
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/upload", Token)).StatusCode);
    }

    [Fact]
    public async Task A_cookie_saved_before_sign_out_no_longer_reads_the_results_api()
    {
        var jar = new CookieContainer();
        using var browser = host.Factory.CreateDefaultClient(new CookieContainerHandler(jar));
        using (var signIn = await ConsoleHost.PostFormAsync(browser, "/login", new() { ["Name"] = "rita", ["Password"] = ConsoleHost.ReviewerPassword }, Token))
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var saved = jar.GetCookieHeader(browser.BaseAddress!);
        Assert.Equal(HttpStatusCode.OK, (await WithCookieAsync(saved, "/api/results")).StatusCode);

        using (var signOut = await ConsoleHost.PostFormAsync(browser, "/logout", new(), Token, tokenFrom: "/upload"))
            Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        // Before: the cookie stayed valid until it expired (10 hours, sliding), whatever the browser did with it.
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithCookieAsync(saved, "/api/results")).StatusCode);
        using var again = await host.SignedInAsync("rita", ConsoleHost.ReviewerPassword, Token);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/results", Token)).StatusCode);
    }

    private async Task<HttpResponseMessage> WithCookieAsync(string cookie, string path)
    {
        using var client = host.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request, Token);
    }
}
