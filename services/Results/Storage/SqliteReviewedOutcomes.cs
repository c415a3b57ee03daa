using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Returns.Results.Storage;

/// <summary>
/// Whether a person has reviewed an outcome's image, kept at write time in <c>outcomes.reviewed</c> (1 or 0), so
/// that the runs list, the review queue and the "reviewed" / "not reviewed" filters read a range of an index rather
/// than joining every review to its outcomes. A review settles the photo whichever model version's outcome was
/// reviewed, so the flag is per image: triggers set it on all of the image's outcomes when a review is stored, work it
/// out again from the image's remaining reviews when one is withdrawn, and set it on an outcome stored after its
/// image's review (a new model version's). Being kept by triggers, it holds for any writer of the file.
/// </summary>
public sealed partial class SqliteResultStore
{
    private const string ReviewedTriggers = """
        CREATE TRIGGER outcomes_reviewed_on_review AFTER INSERT ON reviews BEGIN
            UPDATE outcomes SET reviewed = 1 WHERE image_id = NEW.image_id AND reviewed = 0;
        END;
        CREATE TRIGGER outcomes_reviewed_on_withdraw AFTER DELETE ON reviews BEGIN
            UPDATE outcomes SET reviewed = 0
            WHERE image_id = OLD.image_id AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.image_id = OLD.image_id);
        END;
        CREATE TRIGGER outcomes_reviewed_on_insert AFTER INSERT ON outcomes
        WHEN EXISTS (SELECT 1 FROM reviews r WHERE r.image_id = NEW.image_id) BEGIN
            UPDATE outcomes SET reviewed = 1 WHERE image_id = NEW.image_id AND model_version = NEW.model_version;
        END;
        """;

    /// <summary>Runs list: reviewed and settled per run, a range of reviewed = 1 (covering). Results page's "not
    /// reviewed": the page in newest-first order and its count (the primary key that closes the index breaks ties as
    /// the page does). Review queue: version, status, reviewed, then the queue's order (it replaces
    /// <c>outcomes_for_review_queue</c>, which had no reviewed). The old join's index is no longer used.</summary>
    private const string ReviewedIndexes = """
        CREATE INDEX IF NOT EXISTS outcomes_reviewed_by_run ON outcomes (reviewed, run_id, model_version, status, confidence);
        CREATE INDEX IF NOT EXISTS outcomes_reviewed_newest_first ON outcomes (reviewed, completed_at DESC);
        CREATE INDEX IF NOT EXISTS outcomes_to_review ON outcomes (model_version, status, reviewed, confidence, completed_at);
        DROP INDEX IF EXISTS outcomes_for_review_queue;
        DROP INDEX IF EXISTS outcomes_by_image_for_reviewed;
        """;

    /// <summary>Adds the column, fills it from the reviews and creates its triggers in one write transaction, so no
    /// review or outcome is stored between the backfill and the triggers, and two processes opening an older file do
    /// not both migrate it (the second finds the column). The backfill is done before the indexes exist, so it
    /// rewrites the reviewed rows without keeping indexes on the column up to date.</summary>
    private static async Task AddReviewedColumnAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var exists = connection.CreateCommand();
        exists.CommandText = "SELECT COUNT(*) FROM pragma_table_info('outcomes') WHERE name = 'reviewed'";
        var sql = Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0
            ? ReviewedIndexes
            : """
              ALTER TABLE outcomes ADD COLUMN reviewed INTEGER NOT NULL DEFAULT 0;
              UPDATE outcomes SET reviewed = 1 WHERE image_id IN (SELECT image_id FROM reviews);
              """ + ReviewedTriggers + ReviewedIndexes;
        await using var migrate = connection.CreateCommand();
        migrate.CommandText = sql;
        migrate.CommandTimeout = 0;
        await migrate.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
