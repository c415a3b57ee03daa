using MassTransit.Testing;
using Returns.Contracts;
using Returns.Results.Storage;

namespace Returns.Results.Tests;

/// <summary>ReturnRegisteredConsumer and PhotoAttachedConsumer on MassTransit's test harness with the real SQLite store:
/// what they store, which verdict they publish and when, and what they refuse.</summary>
public sealed class ReturnConsumerTests : IAsyncLifetime
{
    private static readonly string Photo = new('b', 64);
    private static readonly DateTimeOffset Night = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);
    private ResultsHarness results = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;
    private ITestHarness Harness => results.Harness;
    private IReturnLineStore Lines => (IReturnLineStore)results.Store;

    public async ValueTask InitializeAsync()
    {
        results = await ResultsHarness.StartAsync();
        results.Clock.Now = Night;
    }

    public ValueTask DisposeAsync() => results.DisposeAsync();

    [Fact]
    public async Task A_registered_line_whose_photo_shows_something_else_gets_one_mismatch_and_a_duplicate_return_changes_nothing()
    {
        await results.ConsumeAsync(Return("R-1", ("1", "Dresses")), 1);
        await results.ConsumeAsync(Attached("R-1", "1"), 1);
        Assert.Empty(Harness.Published.Select<ReturnLineAssessed>()); // the photo has no outcome yet: the line waits

        await results.ConsumeAsync(Classified("shoes"), 1);
        await results.ConsumeAsync(Return("R-1", ("1", "Tops")), 2);

        var verdict = Assert.Single(Harness.Published.Select<ReturnLineAssessed>()).Context.Message;
        Assert.Equal((LineVerdicts.Mismatch, LineVerdictReasons.PhotoShowsOther, "shoes", 1), (verdict.Verdict, verdict.Reason, verdict.PredictedLabel, verdict.Revision));
        Assert.Equal(["dress"], verdict.DeclaredLabels);
        Assert.Equal("Dresses", (await Lines.FindLineAsync("R-1", "1", Token))!.DeclaredCategory);
    }

    [Fact]
    public async Task A_photo_classified_before_its_return_is_assessed_when_the_return_arrives()
    {
        await results.ConsumeAsync(Attached("R-2", "7"), 1);
        await results.ConsumeAsync(Classified("dress"), 1);
        Assert.Empty(Harness.Published.Select<ReturnLineAssessed>());

        await results.ConsumeAsync(Return("R-2", ("7", "Dresses"), ("8", "Dresses")), 1);

        var verdict = Assert.Single(Harness.Published.Select<ReturnLineAssessed>()).Context.Message;
        Assert.Equal(("7", LineVerdicts.Matches), (verdict.LineId, verdict.Verdict));
        Assert.Equal([Photo], verdict.Photos.Select(p => p.ImageId));
        Assert.Equal([new LineKey("R-2", "7")], await Lines.FindLinesOfImageAsync(Photo, Token));
    }

    [Fact]
    public async Task A_category_the_map_does_not_know_makes_the_line_inconclusive_not_dropped()
    {
        await results.ConsumeAsync(Return("R-3", ("1", "Garden furniture")), 1);
        await results.ConsumeAsync(Attached("R-3", "1"), 1);
        await results.ConsumeAsync(Classified("shoes"), 1);

        var verdict = Assert.Single(Harness.Published.Select<ReturnLineAssessed>()).Context.Message;
        Assert.Equal((LineVerdicts.Inconclusive, LineVerdictReasons.UnmappedCategory), (verdict.Verdict, verdict.Reason));
        Assert.Empty(verdict.DeclaredLabels);
    }

    [Fact]
    public async Task The_same_photo_attached_twice_is_linked_once()
    {
        await results.ConsumeAsync(Attached("R-4", "1"), 1);
        await results.ConsumeAsync(Attached("R-4", "1"), 2);

        Assert.Equal([Photo], await Lines.FindLinePhotosAsync("R-4", "1", Token));
    }

    public static TheoryData<string, ReturnRegistered> MalformedReturns => new()
    {
        { "no lines", Return("R-5") },
        { "two lines with one id", Return("R-5", ("1", "Tops"), ("1", "Dresses")) },
        { "a return id over 200 characters", Return(new string('r', 201), ("1", "Tops")) },
        { "a control character in the category", Return("R-5", ("1", "Tops\u0007")) },
        { "registered in year 9999", Return("R-5", ("1", "Tops")) with { RegisteredAt = new DateTimeOffset(9999, 12, 31, 0, 0, 0, TimeSpan.Zero) } },
        { "registered two days ahead", Return("R-5", ("1", "Tops")) with { RegisteredAt = Night.AddDays(2) } },
        { "registered before 2000", Return("R-5", ("1", "Tops")) with { RegisteredAt = new DateTimeOffset(1999, 12, 31, 0, 0, 0, TimeSpan.Zero) } },
        { "a control character in the return id", Return("R-\u00075", ("1", "Tops")) },
        { "a bidi override in the return id", Return("R-\u202E5", ("1", "Tops")) },
        { "a zero-width space in the order id", Return("R-5", ("1", "Tops")) with { OrderId = "O\u200B5" } },
    };

    [Theory]
    [MemberData(nameof(MalformedReturns))]
    public async Task A_malformed_return_is_refused_and_nothing_is_stored(string what, ReturnRegistered message)
    {
        await results.ConsumeAsync(message, 1);

        var consumed = Harness.Consumed.Select<ReturnRegistered>().Single();
        Assert.True(consumed.Exception is ServiceDefaults.InvalidMessageException, what);
        Assert.False(string.IsNullOrWhiteSpace(consumed.Exception!.Message), what);
        Assert.Null(await Lines.FindLineAsync(message.ReturnId, "1", Token));
        Assert.Empty(Harness.Published.Select<ReturnLineAssessed>());
    }

    [Fact]
    public async Task A_photo_attachment_whose_image_id_is_not_a_sha256_is_refused_and_not_linked()
    {
        await results.ConsumeAsync(Attached("R-6", "1") with { ImageId = "../../etc/passwd" }, 1);

        Assert.IsType<ServiceDefaults.InvalidMessageException>(Harness.Consumed.Select<PhotoAttached>().Single().Exception);
        Assert.Empty(await Lines.FindLinePhotosAsync("R-6", "1", Token));
    }

    public static TheoryData<string, PhotoAttached> MalformedAttachments => new()
    {
        { "a bidi override in the line id", Attached("R-7", "1\u202E") },
        { "a control character in the return id", Attached("R-\u00077", "1") },
        { "attached in year 9999", Attached("R-7", "1") with { AttachedAt = new DateTimeOffset(9999, 1, 1, 0, 0, 0, TimeSpan.Zero) } },
    };

    [Theory]
    [MemberData(nameof(MalformedAttachments))]
    public async Task A_malformed_photo_attachment_is_refused_with_a_reason_and_not_linked(string what, PhotoAttached message)
    {
        await results.ConsumeAsync(message, 1);

        var refused = Harness.Consumed.Select<PhotoAttached>().Single().Exception;
        Assert.True(refused is ServiceDefaults.InvalidMessageException { Message.Length: > 0 }, what);
        Assert.Empty(await Lines.FindLinePhotosAsync(message.ReturnId, message.LineId, Token));
    }

    private static ReturnRegistered Return(string returnId, params (string LineId, string Category)[] lines) => new()
    {
        ReturnId = returnId, OrderId = "O-" + returnId, RegisteredAt = Night,
        Lines = lines.Select(l => new ReturnLine(l.LineId, "SKU-" + l.LineId, l.Category)).ToArray(),
    };

    private static PhotoAttached Attached(string returnId, string lineId) => new()
    {
        ImageId = Photo, ReturnId = returnId, LineId = lineId, SourceName = $"{returnId}/{lineId}/photo.jpg", AttachedAt = Night,
    };

    private static ImageClassified Classified(string label) => new()
    {
        ImageId = Photo, SourceName = "photo.jpg", Model = Outcomes.Model, Label = label, Confidence = 0.99f,
        TopK = [new LabelScore(label, 0.99f), new LabelScore("other", 0.01f)], ReceivedAt = Night, ClassifiedAt = Night.AddSeconds(1),
    };
}
