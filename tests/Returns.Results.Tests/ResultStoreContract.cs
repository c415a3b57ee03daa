using Returns.Contracts;
using Returns.Results.Storage;

namespace Returns.Results.Tests;

/// <summary>What every results store must do, whatever holds the data. Each adapter runs this same suite.</summary>
public abstract partial class ResultStoreContract
{
    protected abstract IResultStore Store { get; }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Saving_the_same_outcome_twice_stores_it_once()
    {
        var outcome = Outcomes.Classified("img-1", "shoes", 0.9f);

        Assert.True(await Store.SaveAsync(outcome, Token));
        Assert.False(await Store.SaveAsync(outcome, Token));

        var found = Assert.Single(await Store.FindAsync(["img-1"], "v1", Token));
        Assert.Equal(outcome with { TopK = [] }, found with { TopK = [] });
        Assert.Equal(outcome.TopK, found.TopK);
    }

    [Fact]
    public async Task When_an_outcome_was_stored_is_kept_and_an_outcome_without_it_reads_back_without_it()
    {
        var storedAt = new DateTimeOffset(2026, 11, 23, 6, 30, 15, 123, TimeSpan.Zero);
        await Store.SaveAsync(Outcomes.Classified("img-stored", "shoes", 0.9f) with { StoredAt = storedAt }, Token);
        await Store.SaveAsync(Outcomes.Classified("img-unstamped", "shoes", 0.9f), Token);

        var found = (await Store.FindAsync(["img-stored", "img-unstamped"], null, Token)).ToDictionary(o => o.ImageId);
        Assert.Equal(storedAt, found["img-stored"].StoredAt);
        Assert.Null(found["img-unstamped"].StoredAt);
    }

    [Fact]
    public async Task The_first_outcome_for_an_image_and_model_version_wins()
    {
        await Store.SaveAsync(Outcomes.Classified("img-2", "shoes", 0.9f), Token);
        await Store.SaveAsync(Outcomes.Classified("img-2", "hat", 0.4f), Token);

        Assert.Equal("shoes", Assert.Single(await Store.FindAsync(["img-2"], "v1", Token)).Label);
    }

    [Fact]
    public async Task Another_model_version_keeps_its_own_outcome()
    {
        await Store.SaveAsync(Outcomes.Classified("img-3", "shoes", 0.9f), Token);
        await Store.SaveAsync(Outcomes.Classified("img-3", "hat", 0.8f, Outcomes.Model with { Version = "v2" }), Token);

        Assert.Equal("shoes", Assert.Single(await Store.FindAsync(["img-3"], "v1", Token)).Label);
        Assert.Equal("hat", Assert.Single(await Store.FindAsync(["img-3"], "v2", Token)).Label);
    }

    [Fact]
    public async Task Without_a_model_version_the_outcomes_of_every_version_are_found()
    {
        await Store.SaveAsync(Outcomes.Classified("img-9", "shoes", 0.9f), Token);
        await Store.SaveAsync(Outcomes.Classified("img-9", "hat", 0.8f, Outcomes.Model with { Version = "v2" }), Token);

        Assert.Equal(["hat", "shoes"], (await Store.FindAsync(["img-9"], null, Token)).Select(o => o.Label).Order());
    }

    [Fact]
    public async Task A_refusal_at_ingest_is_found_whatever_the_model_version()
    {
        await Store.SaveAsync(Outcomes.RejectedAtIngest("img-4", "empty"), Token);

        var found = Assert.Single(await Store.FindAsync(["img-4"], "any-version", Token));
        Assert.Equal((OutcomeStatus.Rejected, "empty", ""), (found.Status, found.Reason, found.ModelVersion));
    }

    [Fact]
    public async Task A_photo_that_needs_a_retake_keeps_its_reason_detail_and_the_models_guess()
    {
        var outcome = Outcomes.NeedsRetake("img-6", RetakeReasons.Blurred, label: "hat", confidence: 0.8f);

        Assert.True(await Store.SaveAsync(outcome, Token));

        var found = Assert.Single(await Store.FindAsync(["img-6"], "v1", Token));
        Assert.Equal(outcome with { TopK = [] }, found with { TopK = [] });
        Assert.Equal(outcome.TopK, found.TopK);
        Assert.Equal((OutcomeStatus.NeedsRetake, RetakeReasons.Blurred, "why: blurred"), (found.Status, found.Reason, found.Detail));
        var byStatus = await Store.QueryAsync(new ResultQuery { Status = OutcomeStatus.NeedsRetake }, Token);
        Assert.Equal("img-6", Assert.Single(byStatus).ImageId);
    }

    [Fact]
    public async Task Concurrent_copies_of_one_message_store_exactly_one_outcome()
    {
        var outcome = Outcomes.Classified("img-5", "dress", 0.7f);

        var inserted = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => Store.SaveAsync(outcome, Token), Token)));

        Assert.Equal(1, inserted.Count(i => i));
        Assert.Single(await Store.FindAsync(["img-5"], "v1", Token));
    }

    [Fact]
    public async Task Finding_more_images_than_one_query_holds_returns_each_once()
    {
        var ids = Enumerable.Range(0, 1_200).Select(i => $"many-{i}").ToArray();
        foreach (var id in ids)
            await Store.SaveAsync(Outcomes.Classified(id, "pants", 0.8f), Token);

        var found = await Store.FindAsync([.. ids, .. ids.Take(10), "unknown"], "v1", Token);

        Assert.Equal(ids.Order(StringComparer.Ordinal), found.Select(o => o.ImageId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_query_returns_the_outcomes_of_a_period_or_run_filtered_by_label_and_confidence_oldest_first()
    {
        var night = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
        StoredOutcome At(string id, string label, float confidence, int hour) =>
            Outcomes.Classified(id, label, confidence) with { CompletedAt = night.AddHours(hour) };
        foreach (var outcome in new[]
                 {
                     At("q-1", "shoes", 0.95f, 1), At("q-2", "shoes", 0.40f, 2), At("q-3", "hat", 0.50f, 3),
                     At("q-4", "shoes", 0.55f, 30), At("q-0", "shoes", 0.30f, -2),
                 })
            await Store.SaveAsync(outcome, Token);

        var night1 = await Store.QueryAsync(new ResultQuery { From = night, To = night.AddDays(1) }, Token);
        var unsureShoes = await Store.QueryAsync(new ResultQuery { From = night, To = night.AddDays(2), Label = "shoes", MaxConfidence = 0.6 }, Token);
        var limited = await Store.QueryAsync(new ResultQuery { Limit = 2 }, Token);
        await Store.SaveAsync(At("q-5", "hat", 0.9f, 4) with { RunId = "night-7" }, Token);
        var run = await Store.QueryAsync(new ResultQuery { RunId = "night-7" }, Token);

        Assert.Equal(["q-1", "q-2", "q-3"], night1.Select(o => o.ImageId));
        Assert.Equal(["q-2", "q-4"], unsureShoes.Select(o => o.ImageId));
        Assert.Equal(["q-0", "q-1"], limited.Select(o => o.ImageId));
        Assert.Equal("q-5", Assert.Single(run).ImageId);
    }
}
