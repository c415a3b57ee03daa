using Microsoft.Data.Sqlite;
using Returns.Results.Storage;

namespace Returns.Results.Tests;

/// <summary>A results.db written before outcomes had a <c>reviewed</c> column gains it, filled from its reviews, with
/// the triggers that keep it, the first time this version opens it.</summary>
public sealed class SqliteReviewedColumnTests : SqliteFileTest
{
    [Fact]
    public async Task An_older_file_gains_the_column_filled_from_its_reviews_and_kept_from_then_on()
    {
        var writer = Open();
        foreach (var id in new[] { "once", "twice", "withdrawn", "never" })
            await writer.SaveAsync(Outcomes.Classified(id, "hat", 0.4f), Token);
        await writer.SaveAsync(Outcomes.Classified("once", "hat", 0.4f, Outcomes.Model with { Version = "v0" }), Token);
        await writer.SaveReviewAsync(Reviews.Of("once", "shoes"), Token);
        await writer.SaveReviewAsync(Reviews.Of("twice", "shoes"), Token);
        var second = Reviews.Of("twice", "dress", minute: 1);
        await writer.SaveReviewAsync(second, Token);
        var withdrawn = Reviews.Of("withdrawn", "shoes");
        await writer.SaveReviewAsync(withdrawn, Token);
        await writer.WithdrawReviewAsync(withdrawn.ReviewId, Token);
        await MakeItAnOlderFileAsync();

        var reopened = Open();
        Assert.Equal(3, await reopened.CountAsync(new ResultQuery { Reviewed = true }, Token));
        Assert.Equal(["never", "withdrawn"], (await reopened.QueryAsync(new ResultQuery { Reviewed = false }, Token)).Select(o => o.ImageId).Order());
        Assert.Equal([("never", "v1", 0L), ("once", "v0", 1L), ("once", "v1", 1L), ("twice", "v1", 1L), ("withdrawn", "v1", 0L)],
            await ReadAsync<(string, string, long)>("SELECT image_id, model_version, reviewed FROM outcomes ORDER BY 1, 2", r => (r.GetString(0), r.GetString(1), r.GetInt64(2))));
        Assert.Equal(["outcomes_reviewed_by_run", "outcomes_reviewed_newest_first", "outcomes_to_review"], await IndexesOnReviewedAsync());

        // The triggers now keep it: a withdrawal, then an outcome of a new version for a reviewed photo.
        await reopened.WithdrawReviewAsync(second.ReviewId, Token);
        await reopened.SaveAsync(Outcomes.Classified("once", "hat", 0.4f, Outcomes.Model with { Version = "v2" }), Token);
        Assert.Equal(4, await Open().CountAsync(new ResultQuery { Reviewed = true }, Token));
    }

    /// <summary>What a file of the version before looks like: no column, triggers or indexes on it, and the two
    /// indexes it had instead.</summary>
    private async Task MakeItAnOlderFileAsync()
    {
        await ExecuteAsync("""
            DROP TRIGGER outcomes_reviewed_on_review; DROP TRIGGER outcomes_reviewed_on_withdraw; DROP TRIGGER outcomes_reviewed_on_insert;
            DROP INDEX outcomes_reviewed_by_run; DROP INDEX outcomes_reviewed_newest_first; DROP INDEX outcomes_to_review;
            ALTER TABLE outcomes DROP COLUMN reviewed;
            CREATE INDEX outcomes_for_review_queue ON outcomes (model_version, status, confidence, completed_at);
            CREATE INDEX outcomes_by_image_for_reviewed ON outcomes (image_id, model_version, status, confidence, run_id, completed_at);
            """);
        Assert.Equal(["outcomes_by_image_for_reviewed", "outcomes_for_review_queue"], await IndexesOnReviewedAsync());
        SqliteConnection.ClearAllPools();
    }

    /// <summary>The indexes that hold the column, and the old ones it replaces if they are still there.</summary>
    private Task<List<string>> IndexesOnReviewedAsync() => ReadAsync("""
        SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'outcomes' AND (sql LIKE '%reviewed,%' OR sql LIKE '%(reviewed%')
        UNION SELECT name FROM sqlite_schema WHERE name IN ('outcomes_for_review_queue', 'outcomes_by_image_for_reviewed')
        ORDER BY 1
        """, r => r.GetString(0));
}
