using Returns.Results.Shadow;

namespace Returns.Results.Tests;

/// <summary>What every shadow store must do; SQLite and MongoDB run this same suite.</summary>
public abstract class ShadowStoreContract
{
    protected abstract IShadowStore Store { get; }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_shadow_outcome_is_stored_once_and_reads_back_whole()
    {
        var outcome = Shadows.Of("img-1", "shoes") with { RetakeReason = "too_dark" };

        Assert.True(await Store.SaveAsync(outcome, Token));
        Assert.False(await Store.SaveAsync(outcome with { Label = "hat" }, Token));

        Assert.Equal(outcome, Assert.Single(await Store.ListAsync("v2", 0, 10, Token)));
        Assert.Equal(1, await Store.CountAsync("v2", Token));
    }

    [Fact]
    public async Task Each_version_keeps_its_own_outcomes_listed_in_image_order_a_page_at_a_time()
    {
        foreach (var id in new[] { "img-c", "img-a", "img-b" })
            await Store.SaveAsync(Shadows.Of(id, "hat"), Token);
        await Store.SaveAsync(Shadows.Of("img-a", "shoes", version: "v3"), Token);

        Assert.Equal(["img-a", "img-b"], (await Store.ListAsync("v2", 0, 2, Token)).Select(o => o.ImageId));
        Assert.Equal(["img-c"], (await Store.ListAsync("v2", 2, 2, Token)).Select(o => o.ImageId));
        Assert.Equal("shoes", Assert.Single(await Store.ListAsync("v3", 0, 10, Token)).Label);
        Assert.Equal(3, await Store.CountAsync("v2", Token));
        Assert.Equal(0, await Store.CountAsync("v9", Token));
    }
}
