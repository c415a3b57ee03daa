using Returns.Contracts;
using Returns.Results.Reports;
using Returns.Results.Storage;

namespace Returns.Results.Tests;

/// <summary>The console's aggregates the stores keep or count for it (the runs list, a version's review agreement):
/// a message delivered twice counts once, and what they count is what the in-memory rules make of the same rows.</summary>
public abstract partial class ResultStoreContract
{
    private static readonly DateTimeOffset TallyNight = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);

    private static StoredOutcome InRun(StoredOutcome outcome, string run, int minute) =>
        outcome with { RunId = run, CompletedAt = TallyNight.AddMinutes(minute) };

    [Fact]
    public async Task A_runs_tally_counts_an_outcome_delivered_twice_once_and_an_image_classified_by_two_versions_as_one_image()
    {
        StoredOutcome[] night =
        [
            InRun(Outcomes.Classified("a", "shoes", 0.95f), "night", 1),
            InRun(Outcomes.Classified("b", "hat", 0.4f), "night", 2),
            InRun(Outcomes.NeedsRetake("c", RetakeReasons.TooDark), "night", 3),
            InRun(Outcomes.Classified("b", "hat", 0.9f, Outcomes.Model with { Version = "v0" }), "night", 4),
            InRun(Outcomes.RejectedAtIngest("d", "empty"), "night", 5),
            InRun(Outcomes.Classified("e", "shirt", 0.3f), "other", 6),
        ];
        foreach (var outcome in night)
            Assert.True(await Store.SaveAsync(outcome, Token));
        foreach (var outcome in night)
            Assert.False(await Store.SaveAsync(outcome with { Label = "dress", Confidence = 0.1f }, Token));
        await Store.SaveReviewAsync(Reviews.Of("c", "shoes"), Token);

        var runs = await Reports.TallyRunsAsync(new RunTallyQuery(TallyNight, new Dictionary<string, double> { ["v1"] = 0.6 }, 0.5, 10), Token);

        // night: 4 images (b once, though classified by two versions); b by v1 at 0.4 unsure; c a retake, but reviewed.
        Assert.Equal(["other", "night"], runs.Select(r => r.RunId));
        Assert.Equal(new RunTally("night", TallyNight.AddMinutes(5), 4, 3, 1, 1, 1, 1), runs[1]);
        Assert.Equal(new RunTally("other", TallyNight.AddMinutes(6), 1, 1, 0, 0, 1, 0), runs[0]);
    }

    [Fact]
    public async Task A_runs_tally_lists_whole_runs_with_an_outcome_since_the_start_and_leaves_out_older_runs()
    {
        await Store.SaveAsync(InRun(Outcomes.Classified("old", "shoes", 0.9f), "last-month", -60 * 24 * 31), Token);
        await Store.SaveAsync(InRun(Outcomes.Classified("early", "shoes", 0.9f), "tonight", -10), Token);
        await Store.SaveAsync(InRun(Outcomes.Classified("late", "shoes", 0.9f), "tonight", 10), Token);

        var runs = await Reports.TallyRunsAsync(new RunTallyQuery(TallyNight, new Dictionary<string, double>(), 0.5, 10), Token);

        Assert.Equal(new RunTally("tonight", TallyNight.AddMinutes(10), 2, 2, 0, 0, 0, 0), Assert.Single(runs));
    }

    [Fact]
    public async Task A_versions_agreement_is_counted_by_the_store_as_the_in_memory_rule_counts_it()
    {
        var twice = Reviews.Of("a", "shoes", previousLabel: "shoes", minute: 1);
        StoredReview[] reviews =
        [
            twice,
            Reviews.Of("b", "hat", previousLabel: "shoes", minute: 1),
            Reviews.Of("b", "shoes", previousLabel: "shoes", minute: 2),
            Reviews.Of("c", "pants", previousLabel: "shirt", minute: 3),
            Reviews.Of("d", "pants", previousLabel: null, minute: 4),
            Reviews.Of("e", "hat", previousLabel: "hat", minute: 5, modelVersion: "v0"),
            Reviews.Of("f", "hat", previousLabel: "shirt", minute: 90),
        ];
        foreach (var review in reviews)
            await Store.SaveReviewAsync(review, Token);
        Assert.False(await Store.SaveReviewAsync(twice, Token));
        var morning = new ReviewQuery { ModelVersion = "v1", To = Reviews.Morning.AddMinutes(60) };

        var agreement = await Store.TallyAgreementAsync(morning, Token);

        var expected = ReviewAgreement.Of("v1", reviews.Where(r => r.ReviewedAt < morning.To));
        Assert.Equal((3, 2), (agreement.Reviewed, agreement.Agreed));
        Assert.Equal((expected.Reviewed, expected.Agreed), (agreement.Reviewed, agreement.Agreed));
        Assert.Equal(expected.PerLabel, agreement.PerLabel);
        Assert.Equal([new LabelAgreement("shirt", 1, 0), new LabelAgreement("shoes", 2, 2)], agreement.PerLabel);
        Assert.Equal(0, (await Store.TallyAgreementAsync(new ReviewQuery { ModelVersion = "v9" }, Token)).Reviewed);
    }
}
