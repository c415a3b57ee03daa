using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Returns.Contracts;
using Returns.Results.Storage;

namespace Returns.Staff.Tests;

/// <summary>The /returns page over lines and verdicts stored through the real store, as the results service stores them.</summary>
public sealed partial class ReturnsPageTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Registered = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private ConsoleHost host = null!;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        host = await ConsoleHost.StartAsync(Token);
        var store = host.Factory.Services.GetRequiredService<IReturnLineStore>();
        await store.SaveLinesAsync([Line("R-1", "1", "Tops"), Line("R-2", "1", "Tops"), Line("R-3", "1", "Garden"), Line("R-4", "1", "Dresses")], Token);
        // R-1 matches and sorts first by id, so the page must reorder to put R-2's mismatch above it.
        await store.SaveVerdictAsync(Verdict("R-1", LineVerdicts.Matches, LineVerdictReasons.AllPhotosMatch, "shirt", "img-match"), Token);
        await store.SaveVerdictAsync(Verdict("R-2", LineVerdicts.Mismatch, LineVerdictReasons.PhotoShowsOther, "shoes", "img-mismatch"), Token);
        await store.SaveVerdictAsync(Verdict("R-3", LineVerdicts.Inconclusive, LineVerdictReasons.UnmappedCategory, null, "img-garden", category: "Garden"), Token);
        await store.SaveVerdictAsync(Verdict("R-4", LineVerdicts.Incomplete, LineVerdictReasons.NoPhotos, null, category: "Dresses"), Token);
    }

    public ValueTask DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task A_mismatch_is_listed_before_a_match_with_counts_that_reconcile_and_each_photo_linked_with_its_thumbnail()
    {
        using var client = await host.SignedInAsync("rita", ConsoleHost.ReviewerPassword, Token);

        var html = await client.GetStringAsync("/returns", Token);

        Assert.Equal(["R-2", "R-3", "R-1", "R-4"], ReturnRows().Matches(html).Select(m => m.Groups[1].Value).Distinct());
        Assert.Contains("4 returns, 4 lines = <b>1 mismatches</b> + 1 inconclusive + 1 matches + 1 incomplete<", html);
        Assert.Contains("unmapped category: Garden (1 line)", html);
        Assert.Contains("href=\"/images/img-mismatch\"", html);
        Assert.Contains("src=\"/api/results/img-mismatch/thumbnail\"", html);
        Assert.Contains("href=\"/returns\">Returns</a>", html);
    }

    [Fact]
    public async Task The_verdict_filter_narrows_the_list_and_keeps_the_counts_of_every_line()
    {
        using var client = await host.SignedInAsync("rita", ConsoleHost.ReviewerPassword, Token);

        var html = await client.GetStringAsync("/returns?verdict=matches", Token);

        Assert.Equal(["R-1"], ReturnRows().Matches(html).Select(m => m.Groups[1].Value));
        Assert.Contains("4 returns, 4 lines = <b>1 mismatches</b>", html);
    }

    [Fact]
    public async Task A_stranger_is_sent_to_sign_in()
    {
        using var client = host.Anonymous();
        using var response = await client.GetAsync("/returns", Token);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login?ReturnUrl=%2Freturns", response.Headers.Location!.PathAndQuery);
    }

    private static RegisteredLine Line(string returnId, string lineId, string category) => new()
    {
        ReturnId = returnId, LineId = lineId, OrderId = "O-" + returnId, Sku = "SKU-" + returnId, DeclaredCategory = category, RegisteredAt = Registered,
    };

    private static ReturnLineAssessed Verdict(string returnId, string verdict, string reason, string? predicted, string? photo = null,
        string category = "Tops") => new()
    {
        ReturnId = returnId, LineId = "1", OrderId = "O-" + returnId, Revision = 1, Verdict = verdict, Reason = reason, Sku = "SKU-" + returnId,
        DeclaredCategory = category, DeclaredLabels = category == "Garden" ? [] : ["t-shirt", "shirt"], PredictedLabel = predicted,
        Photos = photo is null ? [] : [new AssessedPhoto(photo, OutcomeStatus.Classified, predicted, 0.95f, predicted is not null)],
        AssessedAt = Registered.AddHours(1),
    };

    [GeneratedRegex("<tr data-return-id=\"([^\"]+)\"")]
    private static partial Regex ReturnRows();
}
