using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Returns.Images.ClaimCheck;
using Returns.Testing;

namespace Returns.Staff.Tests;

/// <summary>A label the model was unsure of needs an explicit choice, and the reviewer can open the photo as it was
/// uploaded, not only its 192 px preview.</summary>
public sealed class ReviewPageTests : IAsyncLifetime
{
    private ConsoleHost host = null!;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        host = await ConsoleHost.StartAsync(Token);
        await StoredOutcomes.SaveAsync(host, 3, 0.31f, Token);
    }

    public ValueTask DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task No_label_is_chosen_for_the_reviewer_so_enter_alone_cannot_confirm_the_model()
    {
        using var client = await host.SignedInAsync("rita", ConsoleHost.ReviewerPassword, Token);

        var html = await client.GetStringAsync("/review", Token);

        Assert.Contains("type=\"radio\" name=\"Label\"", html);
        Assert.DoesNotContain("checked", html);
        Assert.Contains("id=\"pick-first\"", html);
    }

    [Fact]
    public async Task The_original_photo_is_served_while_the_claim_check_holds_it_and_a_readable_page_says_when_it_does_not()
    {
        var photo = await File.ReadAllBytesAsync(RepoPaths.SamplePhoto(), Token);
        var claimCheck = host.Factory.Services.GetRequiredService<ClaimCheckStore>();
        await using var staged = await claimCheck.StageAsync(new MemoryStream(photo), photo.Length + 1, Token);
        claimCheck.Commit(staged);
        using var client = await host.SignedInAsync("rita", ConsoleHost.ReviewerPassword, Token);

        using var original = await client.GetAsync($"/images/{staged.Id}/original", Token);
        using var gone = new HttpRequestMessage(HttpMethod.Get, $"/images/{StoredOutcomes.Id("never stored")}/original");
        gone.Headers.Accept.ParseAdd("text/html");
        using var missing = await client.SendAsync(gone, Token);

        Assert.Equal(HttpStatusCode.OK, original.StatusCode);
        Assert.Equal("image/jpeg", original.Content.Headers.ContentType?.MediaType);
        Assert.Equal(photo, await original.Content.ReadAsByteArrayAsync(Token));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("text/html", missing.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no longer kept", await missing.Content.ReadAsStringAsync(Token));
    }
}
