using Returns.Results.Reports;
using Returns.Results.Storage;

namespace Returns.Results.Tests;

/// <summary>"Reviewed" as every count sees it (the results filter, the review queue, the runs list) follows the
/// photo's reviews as they are stored and withdrawn, whichever order outcomes and reviews arrive in. SQLite keeps it
/// at write time, so these are the cases its triggers must get right.</summary>
public abstract partial class ResultStoreContract
{
    private static readonly RunTallyQuery AllRuns = new(DateTimeOffset.MinValue, new Dictionary<string, double> { ["v1"] = 0.6 }, 0.5, 10);

    /// <summary>(reviewed, not reviewed) outcomes by count and by page, and the run's reviewed and still-to-decide.</summary>
    private async Task<(int Reviewed, int NotReviewed, int RunReviewed, int RunNeedPerson)> ReviewedStateAsync()
    {
        var reviewed = await Store.CountAsync(new ResultQuery { Reviewed = true }, Token);
        var notReviewed = await Store.CountAsync(new ResultQuery { Reviewed = false }, Token);
        Assert.Equal(reviewed, (await Store.QueryAsync(new ResultQuery { Reviewed = true }, Token)).Count);
        Assert.Equal(notReviewed, (await Store.QueryAsync(new ResultQuery { Reviewed = false }, Token)).Count);
        // Filters whose indexes lack the column (every outcome here is a classified "hat") must agree.
        Assert.Equal(notReviewed, await Store.CountAsync(new ResultQuery { Reviewed = false, Label = "hat" }, Token));
        Assert.Equal(notReviewed, (await Store.QueryAsync(new ResultQuery { Reviewed = false, Status = OutcomeStatus.Classified }, Token)).Count);
        var (unsure, _) = NeedsPerson.Queries("v1", 0.6, 10);
        Assert.Equal(await Store.CountAsync(unsure, Token), (await Store.QueryAsync(unsure, Token)).Count);
        var run = Assert.Single(await Reports.TallyRunsAsync(AllRuns, Token));
        return (reviewed, notReviewed, run.Reviewed, run.NeedPerson);
    }

    private static StoredOutcome Unsure(string imageId, string version = "v1") =>
        Outcomes.Classified(imageId, "hat", 0.4f, Outcomes.Model with { Version = version }) with { RunId = "night" };

    [Fact]
    public async Task A_stored_review_counts_the_photo_reviewed_under_every_model_version()
    {
        await Store.SaveAsync(Unsure("rv-a"), Token);
        await Store.SaveAsync(Unsure("rv-a", "v0"), Token);
        await Store.SaveAsync(Unsure("rv-b"), Token);
        Assert.Equal((0, 3, 0, 3), await ReviewedStateAsync());

        await Store.SaveReviewAsync(Reviews.Of("rv-a", "shoes", modelVersion: "v0"), Token);

        Assert.Equal((2, 1, 2, 1), await ReviewedStateAsync());
        Assert.Equal(1, await Store.CountAsync(NeedsPerson.Queries("v1", 0.6, 10).Unsure, Token));
    }

    [Fact]
    public async Task Withdrawing_the_only_review_makes_the_photo_not_reviewed_again()
    {
        await Store.SaveAsync(Unsure("rv-c"), Token);
        var review = Reviews.Of("rv-c", "shoes");
        await Store.SaveReviewAsync(review, Token);
        Assert.Equal((1, 0, 1, 0), await ReviewedStateAsync());

        await Store.WithdrawReviewAsync(review.ReviewId, Token);

        Assert.Equal((0, 1, 0, 1), await ReviewedStateAsync());
    }

    [Fact]
    public async Task Withdrawing_one_of_two_reviews_leaves_the_photo_reviewed()
    {
        await Store.SaveAsync(Unsure("rv-d"), Token);
        var first = Reviews.Of("rv-d", "shoes", minute: 1);
        await Store.SaveReviewAsync(first, Token);
        await Store.SaveReviewAsync(Reviews.Of("rv-d", "dress", minute: 2), Token);

        await Store.WithdrawReviewAsync(first.ReviewId, Token);

        Assert.Equal((1, 0, 1, 0), await ReviewedStateAsync());
    }

    [Fact]
    public async Task An_outcome_stored_after_its_photos_review_is_reviewed()
    {
        // A new model version's outcome (or one redelivered late) can arrive after a person decided on the photo.
        await Store.SaveAsync(Unsure("rv-e", "v0"), Token);
        await Store.SaveReviewAsync(Reviews.Of("rv-e", "shoes", modelVersion: "v0"), Token);
        await Store.SaveReviewAsync(Reviews.Of("rv-f", "shoes"), Token);

        await Store.SaveAsync(Unsure("rv-e"), Token);
        await Store.SaveAsync(Unsure("rv-f"), Token);
        await Store.SaveAsync(Unsure("rv-g"), Token);

        Assert.Equal((3, 1, 3, 1), await ReviewedStateAsync());
    }
}
