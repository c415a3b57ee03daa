using Microsoft.AspNetCore.Hosting;
using System.Net;
using System.Net.Http.Headers;

namespace Returns.Staff.Tests;

/// <summary>A person's rate limit counts the pages and calls they make, not the previews a page pulls in; and when it is
/// used up, a page says so in a page, not in raw JSON.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private const int PagesPerMinute = 20;
    private ConsoleHost host = null!;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => host = await ConsoleHost.StartAsync(Token,
        web => web.UseSetting("Http:RequestsPerMinutePerKey", PagesPerMinute.ToString()));

    public ValueTask DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task Fifteen_views_of_results_with_fifty_thumbnails_each_leave_the_person_able_to_work()
    {
        var outcomes = await StoredOutcomes.SaveAsync(host, 50, 0.99f, Token);
        using var client = await host.SignedInAsync("rita", ConsoleHost.ReviewerPassword, Token);

        for (var view = 0; view < 15; view++)
        {
            using var page = await client.GetAsync("/results", Token);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            foreach (var o in outcomes)
            {
                using var thumbnail = await client.GetAsync($"/api/results/{o.ImageId}/thumbnail", Token);
                Assert.NotEqual(HttpStatusCode.TooManyRequests, thumbnail.StatusCode);
            }
        }
    }

    [Fact]
    public async Task A_person_over_the_limit_gets_a_readable_page_with_the_reason_and_an_api_caller_keeps_problem_json()
    {
        using var client = await host.SignedInAsync("rita", ConsoleHost.ReviewerPassword, Token);
        for (var i = 0; i < PagesPerMinute; i++)
            (await client.GetAsync("/results", Token)).Dispose();

        using var page = new HttpRequestMessage(HttpMethod.Get, "/results");
        page.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        using var refused = await client.SendAsync(page, Token);
        using var api = await client.GetAsync("/api/results/", Token);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
        var html = await refused.Content.ReadAsStringAsync(Token);
        Assert.Contains("<h1>Too many requests</h1>", html);
        Assert.Contains("href=\"/\"", html);
        Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }
}
