using Returns.Contracts;
using Returns.Results.Storage;

namespace Returns.Results.Tests;

/// <summary>The store contract for returns: declared lines, the photos linked to them, and verdicts with revisions.</summary>
public abstract partial class ResultStoreContract
{
    private IReturnLineStore Lines => (IReturnLineStore)Store;
    private static readonly DateTimeOffset Registered = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static RegisteredLine Line(string returnId, string lineId, string category = "Tops", int minute = 0) => new()
    {
        ReturnId = returnId, LineId = lineId, OrderId = "O-" + returnId, Sku = "TS-1", DeclaredCategory = category, RegisteredAt = Registered.AddMinutes(minute),
    };

    private static ReturnLineAssessed Verdict(string returnId, string lineId, int revision, string verdict = LineVerdicts.Matches, int minute = 0) => new()
    {
        ReturnId = returnId, LineId = lineId, OrderId = "O-" + returnId, Revision = revision, Verdict = verdict, Reason = LineVerdictReasons.AllPhotosMatch,
        Sku = "TS-1", DeclaredCategory = "Tops", DeclaredLabels = ["t-shirt", "shirt"], PredictedLabel = "t-shirt",
        Photos = [new AssessedPhoto("img-a", "classified", "t-shirt", 0.93f, true)], AssessedAt = Registered.AddMinutes(minute),
    };

    [Fact]
    public async Task A_line_registered_twice_is_stored_once_and_the_first_registration_wins()
    {
        Assert.Equal(2, await Lines.SaveLinesAsync([Line("R-1", "1"), Line("R-1", "2")], Token));
        Assert.Equal(1, await Lines.SaveLinesAsync([Line("R-1", "1", "Dresses"), Line("R-1", "3")], Token));

        Assert.Equal(Line("R-1", "1"), await Lines.FindLineAsync("R-1", "1", Token));
        Assert.Null(await Lines.FindLineAsync("R-1", "9", Token));
    }

    [Fact]
    public async Task A_line_knows_its_photos_whether_linked_by_ingest_or_named_by_an_outcome_and_a_photo_knows_its_lines()
    {
        Assert.True(await Lines.AttachPhotoAsync(new LinePhoto("R-2", "1", "img-a", Registered), Token));
        Assert.False(await Lines.AttachPhotoAsync(new LinePhoto("R-2", "1", "img-a", Registered.AddHours(1)), Token));
        await Lines.AttachPhotoAsync(new LinePhoto("R-3", "1", "img-a", Registered), Token); // the same bytes on another line
        await Store.SaveAsync(Outcomes.Classified("img-b", "shirt", 0.9f) with { ReturnId = "R-2", LineId = "1" }, Token);
        await Store.SaveAsync(Outcomes.Classified("img-c", "shirt", 0.9f) with { ReturnId = "R-2" }, Token);

        Assert.Equal(["img-a", "img-b"], await Lines.FindLinePhotosAsync("R-2", "1", Token));
        Assert.Equal([new LineKey("R-2", "1"), new LineKey("R-3", "1")], await Lines.FindLinesOfImageAsync("img-a", Token));
        Assert.Equal([new LineKey("R-2", "1")], await Lines.FindLinesOfImageAsync("img-b", Token));
        Assert.Empty(await Lines.FindLinesOfImageAsync("img-c", Token));
        Assert.Equal("1", Assert.Single(await Store.FindAsync(["img-b"], null, Token)).LineId);
    }

    [Fact]
    public async Task A_verdict_revision_is_saved_only_over_the_one_before_it()
    {
        Assert.True(await Lines.SaveVerdictAsync(Verdict("R-4", "1", 1), Token));
        Assert.False(await Lines.SaveVerdictAsync(Verdict("R-4", "1", 1, LineVerdicts.Mismatch), Token)); // a concurrent first verdict
        Assert.False(await Lines.SaveVerdictAsync(Verdict("R-4", "1", 3), Token));                          // skips a revision
        Assert.True(await Lines.SaveVerdictAsync(Verdict("R-4", "1", 2, LineVerdicts.Mismatch), Token));
        Assert.False(await Lines.SaveVerdictAsync(Verdict("R-4", "1", 2, LineVerdicts.Inconclusive), Token)); // lost the race

        var current = await Lines.FindVerdictAsync("R-4", "1", Token);
        Assert.Equal((2, LineVerdicts.Mismatch, false), (current!.Verdict.Revision, current.Verdict.Verdict, current.Published));
        Assert.Equal(Verdict("R-4", "1", 2, LineVerdicts.Mismatch).Photos, current.Verdict.Photos);
    }

    [Fact]
    public async Task Marking_a_revision_published_leaves_a_newer_revision_unpublished()
    {
        await Lines.SaveVerdictAsync(Verdict("R-5", "1", 1), Token);
        await Lines.MarkPublishedAsync("R-5", "1", 1, Token);
        Assert.True((await Lines.FindVerdictAsync("R-5", "1", Token))!.Published);

        await Lines.SaveVerdictAsync(Verdict("R-5", "1", 2, LineVerdicts.Mismatch), Token);
        await Lines.MarkPublishedAsync("R-5", "1", 1, Token); // a late mark for the old revision

        Assert.False((await Lines.FindVerdictAsync("R-5", "1", Token))!.Published);
    }

    [Fact]
    public async Task Lines_without_a_verdict_past_a_time_are_found_for_the_deadline()
    {
        await Lines.SaveLinesAsync([Line("R-6", "1", minute: 0), Line("R-6", "2", minute: 10), Line("R-7", "1", minute: 60)], Token);
        await Lines.SaveVerdictAsync(Verdict("R-6", "2", 1), Token);

        Assert.Equal([new LineKey("R-6", "1")], await Lines.FindLinesWithoutVerdictAsync(Registered.AddMinutes(30), 10, Token));
    }

    [Fact]
    public async Task Verdicts_are_queried_by_assessment_time_or_by_return_in_return_and_line_order()
    {
        await Lines.SaveVerdictAsync(Verdict("R-9", "2", 1, minute: 5), Token);
        await Lines.SaveVerdictAsync(Verdict("R-8", "1", 1, minute: 10), Token);
        await Lines.SaveVerdictAsync(Verdict("R-9", "1", 1, minute: 90), Token);

        var inPeriod = await Lines.QueryVerdictsAsync(new VerdictQuery { From = Registered, To = Registered.AddHours(1) }, Token);
        var ofReturn = await Lines.QueryVerdictsAsync(new VerdictQuery { ReturnId = "R-9" }, Token);

        Assert.Equal([("R-8", "1"), ("R-9", "2")], inPeriod.Select(v => (v.Verdict.ReturnId, v.Verdict.LineId)));
        Assert.Equal([("R-9", "1"), ("R-9", "2")], ofReturn.Select(v => (v.Verdict.ReturnId, v.Verdict.LineId)));
    }

    [Fact]
    public async Task Verdicts_read_together_share_their_repeated_words_and_read_back_as_they_were_saved()
    {
        var saved = new[] { Verdict("R-10", "1", 1), Verdict("R-10", "2", 1), Verdict("R-11", "1", 1, LineVerdicts.Mismatch) };
        foreach (var verdict in saved)
            await Lines.SaveVerdictAsync(verdict, Token);

        var read = (await Lines.QueryVerdictsAsync(new VerdictQuery(), Token)).Select(v => v.Verdict).ToArray();

        Assert.Equal(saved.Length, read.Length);
        foreach (var (expected, actual) in saved.Zip(read))
        {
            Assert.Equal(expected with { DeclaredLabels = [], Photos = [] }, actual with { DeclaredLabels = [], Photos = [] });
            Assert.Equal(expected.DeclaredLabels, actual.DeclaredLabels);
            Assert.Equal(expected.Photos, actual.Photos);
        }
        // One string object per word across the read (a period's 133,000 verdicts would otherwise each hold copies).
        Assert.Same(read[0].Verdict, read[1].Verdict);
        Assert.Same(read[0].Reason, read[1].Reason);
        Assert.Same(read[0].Photos[0].Status, read[2].Photos[0].Status);
    }
}
