using MassTransit.Testing;
using Returns.Contracts;
using Returns.Results.Storage;

namespace Returns.Results.Tests;

/// <summary>The review consumer on MassTransit's test harness: a review is stored once however often it is delivered,
/// and a malformed one is refused.</summary>
public sealed class ReviewConsumerTests : IAsyncLifetime
{
    private static readonly string Id = new('a', 64);
    private ResultsHarness results = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => results = await ResultsHarness.StartAsync();

    public ValueTask DisposeAsync() => results.DisposeAsync();

    [Fact]
    public async Task A_review_delivered_twice_is_stored_once()
    {
        var review = Review();

        await results.ConsumeAsync(review, count: 1);
        await results.ConsumeAsync(review, count: 2);

        Assert.All(results.Harness.Consumed.Select<ImageReviewed>(), c => Assert.Null(c.Exception));
        var stored = Assert.Single(await results.Store.QueryReviewsAsync(new ReviewQuery(), Token));
        Assert.Equal(StoredReview.From(review), stored);
        Assert.True(stored.Corrected);
    }

    public static TheoryData<string, ImageReviewed> Malformed => new()
    {
        { "no review id", Review() with { ReviewId = Guid.Empty } },
        { "a path as image id", Review() with { ImageId = "../../etc/passwd" } },
        { "no model version", Review() with { ModelVersion = "" } },
        { "a label that is a path", Review() with { ReviewedLabel = "../hat" } },
        { "a label in capitals", Review() with { ReviewedLabel = "Hat" } },
        { "an empty label", Review() with { ReviewedLabel = "" } },
        { "no reviewer", Review() with { Reviewer = " " } },
        { "a reviewer with a line break", Review() with { Reviewer = "ana\nadmin" } },
        { "no time", Review() with { ReviewedAt = default } },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_malformed_review_is_refused_and_not_stored(string what, ImageReviewed message)
    {
        await results.Harness.Bus.Publish(message, Token);

        Assert.True(await results.Harness.Consumed.Any<ImageReviewed>(Token), what);
        Assert.IsType<ServiceDefaults.InvalidMessageException>(results.Harness.Consumed.Select<ImageReviewed>().Single().Exception);
        Assert.Empty(await results.Store.QueryReviewsAsync(new ReviewQuery(), Token));
    }

    private static ImageReviewed Review() => new()
    {
        ReviewId = Guid.NewGuid(), ImageId = Id, ModelVersion = "v1", PreviousLabel = "shoes", ReviewedLabel = "t-shirt", Reviewer = "ana",
        ReviewedAt = DateTimeOffset.UtcNow,
    };
}
