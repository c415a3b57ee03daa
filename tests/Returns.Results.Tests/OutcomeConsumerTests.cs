using MassTransit.Testing;
using Returns.Contracts;
using Returns.Results.Storage;

namespace Returns.Results.Tests;

/// <summary>The outcome consumers on MassTransit's test harness: forged or malformed outcomes are refused and never
/// stored; a stored outcome keeps its thumbnail and releases its image's bytes, later when a person should look.</summary>
public sealed class OutcomeConsumerTests : IAsyncLifetime
{
    private static readonly string Id = new('a', 64);
    private ResultsHarness results = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;
    private ITestHarness Harness => results.Harness;

    public async ValueTask InitializeAsync() => results = await ResultsHarness.StartAsync();

    public ValueTask DisposeAsync() => results.DisposeAsync();

    public static TheoryData<string, ImageClassified> Forged => new()
    {
        { "a path as image id", Classified() with { ImageId = "../../etc/passwd" } },
        { "confidence above one", Classified() with { Confidence = 7f } },
        { "a negative confidence", Classified() with { Confidence = -0.5f } },
        { "no model version", Classified() with { Model = new ModelIdentity("m", "", "") } },
        { "top-k not matching the label", Classified() with { TopK = [new LabelScore("hat", 0.9f)] } },
        { "an empty label", Classified() with { Label = "" } },
        { "received in year 9999", Classified() with { ReceivedAt = DateTimeOffset.MaxValue.AddDays(-1) } },
        { "classified before 2000", Classified() with { ClassifiedAt = new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero) } },
        { "a bidi override in the return id", Classified() with { ReturnId = "R-\u202E1" } },
        { "a control character in the run id", Classified() with { RunId = "run\u00071" } },
    };

    [Theory]
    [MemberData(nameof(Forged))]
    public async Task A_malformed_classification_is_refused_and_not_stored(string what, ImageClassified message)
    {
        await Harness.Bus.Publish(message, Token);

        Assert.True(await Harness.Consumed.Any<ImageClassified>(Token), what);
        var consumed = Harness.Consumed.Select<ImageClassified>().Single();
        Assert.IsType<ServiceDefaults.InvalidMessageException>(consumed.Exception);
        Assert.Empty(await results.Store.QueryAsync(new ResultQuery(), Token));
    }

    [Fact]
    public async Task A_rejection_claiming_the_classifier_without_naming_a_model_is_refused()
    {
        await Harness.Bus.Publish(new ImageRejected
        {
            ImageId = Id, SourceName = "x.jpg", Stage = RejectionStages.Classifier, Reason = "undecodable", Detail = "",
            ReceivedAt = DateTimeOffset.UtcNow, RejectedAt = DateTimeOffset.UtcNow,
        }, Token);

        Assert.True(await Harness.Consumed.Any<ImageRejected>(Token));
        Assert.NotNull(Harness.Consumed.Select<ImageRejected>().Single().Exception);
        Assert.Empty(await results.Store.QueryAsync(new ResultQuery(), Token));
    }

    [Fact]
    public async Task A_stored_outcome_releases_the_claim_check_after_the_grace_period_and_a_duplicate_at_once()
    {
        var bytes = results.StageBytes(Id);

        await ConsumeAsync(Classified(), count: 1);
        results.Cleanup.Sweep();
        Assert.True(File.Exists(bytes), "deleted within the grace period, while copies may still be in flight");
        results.Clock.Now += TimeSpan.FromMinutes(11);
        results.Cleanup.Sweep();
        Assert.False(File.Exists(bytes));

        results.StageBytes(Id); // the same photo sent again
        await ConsumeAsync(Classified() with { SourceName = "again.jpg" }, count: 2);
        Assert.False(File.Exists(bytes));
        Assert.Single(await results.Store.QueryAsync(new ResultQuery(), Token));
    }

    [Theory]
    [InlineData("under the review threshold", 0.4f, false)]
    [InlineData("a photo that needs a retake", 0.99f, true)]
    public async Task An_outcome_a_person_should_look_at_keeps_its_bytes_for_the_review_hold_even_when_sent_again(string what, float confidence,
        bool retake)
    {
        var bytes = results.StageBytes(Id);
        var message = Classified() with
        {
            Confidence = confidence, TopK = [new LabelScore("shoes", confidence)], Retake = retake ? new Retake(RetakeReasons.TooDark, "dark") : null,
        };

        await ConsumeAsync(message, count: 1);
        await ConsumeAsync(message with { SourceName = "again.jpg" }, count: 2);
        results.Clock.Now += TimeSpan.FromDays(6);
        results.Cleanup.Sweep();
        Assert.True(File.Exists(bytes), what + ": deleted before the hold was over");

        results.Clock.Now += TimeSpan.FromDays(1.01);
        results.Cleanup.Sweep();
        Assert.False(File.Exists(bytes), what + ": kept after the hold");
    }

    [Fact]
    public async Task A_classifications_jpeg_or_older_webp_thumbnail_is_stored_and_anything_else_is_ignored_without_losing_the_outcome()
    {
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3];
        byte[] webp = [.. "RIFF\0\0\0\0WEBPVP8 "u8, 1, 2, 3];
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];
        var (fromOlderWorker, notAPreview, oversize) = (new string('b', 64), new string('c', 64), new string('d', 64));

        await ConsumeAsync(Classified() with { Thumbnail = jpeg }, count: 1);
        await ConsumeAsync(Classified() with { ImageId = fromOlderWorker, Thumbnail = webp }, count: 2);
        await ConsumeAsync(Classified() with { ImageId = notAPreview, Thumbnail = png }, count: 3);
        await ConsumeAsync(Classified() with { ImageId = oversize, Thumbnail = [.. jpeg, .. new byte[64 * 1024]] }, count: 4);

        Assert.Equal(jpeg, await results.Store.FindThumbnailAsync(Id, Token));
        Assert.Equal(webp, await results.Store.FindThumbnailAsync(fromOlderWorker, Token));
        Assert.Null(await results.Store.FindThumbnailAsync(notAPreview, Token));
        Assert.Null(await results.Store.FindThumbnailAsync(oversize, Token));
        Assert.Equal(4, await results.Store.CountAsync(new ResultQuery(), Token));
    }

    [Fact]
    public async Task Each_stored_outcome_is_announced_once_stored_a_duplicate_too_and_a_refused_one_never()
    {
        using var listening = results.Notifications.Listen();
        var other = new string('b', 64);

        await ConsumeAsync(Classified(), count: 1);
        await ConsumeAsync(Classified() with { SourceName = "again.jpg" }, count: 2);
        await results.ConsumeAsync(Classified() with { ImageId = other, Confidence = 7f }, count: 3);

        var heard = new List<string>();
        while (listening.Stored.TryRead(out var imageId))
            heard.Add(imageId);
        Assert.Equal([Id, Id], heard);
    }

    private async Task ConsumeAsync(ImageClassified message, int count)
    {
        await results.ConsumeAsync(message, count);
        Assert.All(Harness.Consumed.Select<ImageClassified>(), c => Assert.Null(c.Exception));
    }

    private static ImageClassified Classified() => new()
    {
        ImageId = Id, SourceName = "shoe.jpg", Model = new ModelIdentity("clothing", "v1", new string('b', 64)), Label = "shoes",
        Confidence = 0.9f, TopK = [new LabelScore("shoes", 0.9f), new LabelScore("hat", 0.1f)],
        ReceivedAt = DateTimeOffset.UtcNow, ClassifiedAt = DateTimeOffset.UtcNow,
    };
}
