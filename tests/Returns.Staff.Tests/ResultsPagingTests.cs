using System.Text.RegularExpressions;

namespace Returns.Staff.Tests;

/// <summary>Results pages through every stored outcome, 50 at a time, newest first: ?page= is honoured and the links
/// lead to the first, the next, the previous and the last page.</summary>
public sealed partial class ResultsPagingTests : IAsyncLifetime
{
    private ConsoleHost host = null!;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        host = await ConsoleHost.StartAsync(Token);
        await StoredOutcomes.SaveAsync(host, 120, 0.99f, Token);
    }

    public ValueTask DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task Page_two_shows_the_next_fifty_and_links_back_to_the_first_and_on_to_the_last()
    {
        using var client = await host.SignedInAsync("rita", ConsoleHost.ReviewerPassword, Token);

        var first = await client.GetStringAsync("/results", Token);
        var second = await client.GetStringAsync("/results?page=2", Token);

        Assert.Contains("page 2 of 3", second);
        Assert.Equal(50, Files().Matches(second).Count);
        Assert.Empty(Files().Matches(first).Select(m => m.Value).Intersect(Files().Matches(second).Select(m => m.Value)));
        Assert.Contains("photo-0069.jpg", second); // newest first: page 1 holds 119..70, page 2 69..20
        Assert.Contains("href=\"/results?page=3\" id=\"page-older\"", second);
        Assert.Contains("href=\"/results?page=1\" id=\"page-newer\"", second);
        Assert.Contains("href=\"/results?page=3\" id=\"page-last\"", second);
    }

    [Fact]
    public async Task The_last_page_holds_the_rest_and_a_page_past_it_shows_the_last_with_filters_kept()
    {
        using var client = await host.SignedInAsync("rita", ConsoleHost.ReviewerPassword, Token);

        var last = await client.GetStringAsync("/results?run=night-1&page=3", Token);
        var past = await client.GetStringAsync("/results?run=night-1&page=99", Token);

        Assert.Contains("page 3 of 3", last);
        Assert.Equal(20, Files().Matches(last).Count);
        Assert.Contains("photo-0000.jpg", last);
        Assert.Contains("page 3 of 3", past);
        Assert.Contains("href=\"/results?run=night-1&amp;page=2\" id=\"page-newer\"", last);
        Assert.DoesNotContain("id=\"page-older\"", last);
    }

    [GeneratedRegex(@"photo-\d{4}\.jpg")]
    private static partial Regex Files();
}
