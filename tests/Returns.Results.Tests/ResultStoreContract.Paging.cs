using Returns.Results.Storage;

namespace Returns.Results.Tests;

/// <summary>The store contract for the console's queries: pages, orders, return ids and the reviewed filter.</summary>
public abstract partial class ResultStoreContract
{
    private static readonly DateTimeOffset Evening = new(2026, 11, 22, 18, 0, 0, TimeSpan.Zero);

    private async Task SaveAtAsync(params (string Id, float? Confidence, int Hour)[] outcomes)
    {
        foreach (var (id, confidence, hour) in outcomes)
            await Store.SaveAsync((confidence is { } c ? Outcomes.Classified(id, "shoes", c) : Outcomes.RejectedAtIngest(id, "empty"))
                with { CompletedAt = Evening.AddHours(hour) }, Token);
    }

    [Fact]
    public async Task Pages_of_a_query_add_up_to_the_whole_and_the_count_ignores_skip_and_limit()
    {
        await SaveAtAsync(("p-1", 0.9f, 1), ("p-2", 0.8f, 2), ("p-3", 0.7f, 3), ("p-4", 0.6f, 4), ("p-5", 0.5f, 5), ("p-6", 0.4f, 6), ("p-7", 0.3f, 7));
        var query = new ResultQuery { Limit = 3 };

        var pages = new List<StoredOutcome>();
        for (var skip = 0; skip < 9; skip += 3)
            pages.AddRange(await Store.QueryAsync(query with { Skip = skip }, Token));

        Assert.Equal(["p-1", "p-2", "p-3", "p-4", "p-5", "p-6", "p-7"], pages.Select(o => o.ImageId));
        Assert.Equal(7, await Store.CountAsync(query with { Skip = 6 }, Token));
        Assert.Equal(3, await Store.CountAsync(new ResultQuery { MaxConfidence = 0.5 }, Token));
        Assert.Empty(await Store.QueryAsync(query with { Skip = 7 }, Token));
    }

    [Fact]
    public async Task Each_order_sorts_as_documented()
    {
        await SaveAtAsync(("o-b", 0.9f, 1), ("o-a", 0.9f, 1), ("o-c", 0.2f, 2), ("o-d", null, 3), ("o-e", 0.5f, 4));

        async Task<string[]> Ids(ResultOrder order) =>
            (await Store.QueryAsync(new ResultQuery { Order = order }, Token)).Select(o => o.ImageId).ToArray();

        Assert.Equal(["o-a", "o-b", "o-c", "o-d", "o-e"], await Ids(ResultOrder.Oldest));
        Assert.Equal(["o-e", "o-d", "o-c", "o-a", "o-b"], await Ids(ResultOrder.Newest));
        Assert.Equal(["o-c", "o-e", "o-a", "o-b", "o-d"], await Ids(ResultOrder.LeastConfident));
        Assert.Equal(["o-e", "o-a"], (await Store.QueryAsync(new ResultQuery { Order = ResultOrder.LeastConfident, Skip = 1, Limit = 2 }, Token))
            .Select(o => o.ImageId));
    }

    [Fact]
    public async Task A_query_by_return_id_finds_that_returns_photos_only()
    {
        await Store.SaveAsync(Outcomes.Classified("r-1", "shoes", 0.9f) with { ReturnId = "RMA-1" }, Token);
        await Store.SaveAsync(Outcomes.Classified("r-2", "hat", 0.9f) with { ReturnId = "RMA-2" }, Token);
        await Store.SaveAsync(Outcomes.Classified("r-3", "hat", 0.9f) with { ReturnId = "RMA-1" }, Token);

        var found = await Store.QueryAsync(new ResultQuery { ReturnId = "RMA-1" }, Token);

        Assert.Equal(["r-1", "r-3"], found.Select(o => o.ImageId).Order());
        Assert.Equal(2, await Store.CountAsync(new ResultQuery { ReturnId = "RMA-1" }, Token));
    }

    [Fact]
    public async Task The_reviewed_filter_splits_outcomes_by_whether_a_person_reviewed_the_photo_under_any_model_version()
    {
        await SaveAtAsync(("f-1", 0.9f, 1), ("f-2", 0.4f, 2), ("f-3", 0.5f, 3));
        await Store.SaveReviewAsync(Reviews.Of("f-2", "hat"), Token);
        await Store.SaveReviewAsync(Reviews.Of("f-2", "dress", minute: 1), Token);
        await Store.SaveReviewAsync(Reviews.Of("f-3", "hat", modelVersion: "v0"), Token);

        var reviewed = await Store.QueryAsync(new ResultQuery { Reviewed = true }, Token);
        var notReviewed = await Store.QueryAsync(new ResultQuery { Reviewed = false, Order = ResultOrder.LeastConfident }, Token);

        Assert.Equal(["f-2", "f-3"], reviewed.Select(o => o.ImageId));
        Assert.Equal(["f-1"], notReviewed.Select(o => o.ImageId));
        Assert.Equal((2, 1), (await Store.CountAsync(new ResultQuery { Reviewed = true }, Token), await Store.CountAsync(new ResultQuery { Reviewed = false }, Token)));
    }
}
