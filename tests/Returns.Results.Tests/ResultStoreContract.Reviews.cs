using Returns.Results.Storage;

namespace Returns.Results.Tests;

/// <summary>The store contract for reviews and thumbnails.</summary>
public abstract partial class ResultStoreContract
{
    [Fact]
    public async Task A_review_delivered_twice_is_stored_once()
    {
        var review = Reviews.Of("rev-1", "hat");

        Assert.True(await Store.SaveReviewAsync(review, Token));
        Assert.False(await Store.SaveReviewAsync(review with { ReviewedLabel = "dress" }, Token));

        Assert.Equal(review, Assert.Single(await Store.QueryReviewsAsync(new ReviewQuery { ImageId = "rev-1" }, Token)));
        Assert.Equal(review, Assert.Single(await Store.FindReviewsAsync(["rev-1"], Token)));
    }

    [Fact]
    public async Task A_withdrawn_review_is_gone_the_earlier_one_is_the_final_word_again_and_withdrawing_twice_changes_nothing()
    {
        var earlier = Reviews.Of("rev-w", "hat", minute: 5);
        var undone = Reviews.Of("rev-w", "dress", minute: 10);
        await Store.SaveReviewAsync(earlier, Token);
        await Store.SaveReviewAsync(undone, Token);

        Assert.True(await Store.WithdrawReviewAsync(undone.ReviewId, Token));
        Assert.False(await Store.WithdrawReviewAsync(undone.ReviewId, Token));

        Assert.Equal(earlier, Assert.Single(await Store.FindReviewsAsync(["rev-w"], Token)));
        Assert.Equal([earlier], await Store.QueryReviewsAsync(new ReviewQuery { ImageId = "rev-w" }, Token));
    }

    [Fact]
    public async Task The_latest_review_of_an_image_is_its_final_word_whatever_order_they_arrived_in()
    {
        var later = Reviews.Of("rev-2", "dress", minute: 30);
        await Store.SaveReviewAsync(later, Token);
        await Store.SaveReviewAsync(Reviews.Of("rev-2", "hat", minute: 10), Token);
        var first = Guid.Parse("00000000-0000-0000-0000-00000000000a");
        var second = Guid.Parse("00000000-0000-0000-0000-00000000000b");
        await Store.SaveReviewAsync(Reviews.Of("rev-3", "skirt", minute: 5, reviewId: second), Token);
        await Store.SaveReviewAsync(Reviews.Of("rev-3", "pants", minute: 5, reviewId: first), Token);

        var latest = await Store.FindReviewsAsync(["rev-2", "rev-3", "rev-none"], Token);

        Assert.Equal([("rev-2", "dress"), ("rev-3", "skirt")], latest.Select(r => (r.ImageId, r.ReviewedLabel)).Order());
        Assert.Equal(later, latest.Single(r => r.ImageId == "rev-2"));
        Assert.Equal(["hat", "dress"], (await Store.QueryReviewsAsync(new ReviewQuery { ImageId = "rev-2" }, Token)).Select(r => r.ReviewedLabel));
    }

    [Fact]
    public async Task Reviews_are_queried_by_period_and_model_version_oldest_first()
    {
        await Store.SaveReviewAsync(Reviews.Of("rev-4", "hat", minute: 20), Token);
        await Store.SaveReviewAsync(Reviews.Of("rev-5", "hat", minute: 10), Token);
        await Store.SaveReviewAsync(Reviews.Of("rev-6", "hat", minute: 15, modelVersion: "v2"), Token);
        await Store.SaveReviewAsync(Reviews.Of("rev-7", "hat", minute: 90), Token);

        var firstHour = await Store.QueryReviewsAsync(new ReviewQuery { From = Reviews.Morning, To = Reviews.Morning.AddHours(1) }, Token);
        var v1 = await Store.QueryReviewsAsync(new ReviewQuery { ModelVersion = "v1", Limit = 2 }, Token);

        Assert.Equal(["rev-5", "rev-6", "rev-4"], firstHour.Select(r => r.ImageId));
        Assert.Equal(["rev-5", "rev-4"], v1.Select(r => r.ImageId));
    }

    [Fact]
    public async Task The_first_thumbnail_of_an_image_wins()
    {
        await Store.SaveThumbnailAsync("thumb-1", [1, 2, 3], Token);
        await Store.SaveThumbnailAsync("thumb-1", [9, 9], Token);

        Assert.Equal([1, 2, 3], await Store.FindThumbnailAsync("thumb-1", Token));
        Assert.Null(await Store.FindThumbnailAsync("thumb-none", Token));
    }
}
