using System.Globalization;
using Microsoft.Data.Sqlite;
using Returns.Results.Reports;

namespace Returns.Results.Storage;

/// <summary>Reviews (keyed by review id, so a redelivered review is stored once) and thumbnails (the first one wins).</summary>
public sealed partial class SqliteResultStore
{
    // Thumbnails keep their rowid: blobs of a few kilobytes make poor clustered-index rows.
    private const string ReviewSchema = """
        CREATE TABLE IF NOT EXISTS reviews (
            review_id      TEXT NOT NULL PRIMARY KEY,
            image_id       TEXT NOT NULL,
            model_version  TEXT NOT NULL,
            previous_label TEXT,
            reviewed_label TEXT NOT NULL,
            reviewer       TEXT NOT NULL,
            reviewed_at    TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS reviews_by_image ON reviews (image_id);
        CREATE INDEX IF NOT EXISTS reviews_by_reviewed_at ON reviews (reviewed_at);
        CREATE INDEX IF NOT EXISTS reviews_for_agreement ON reviews (model_version, image_id, reviewed_at, previous_label, reviewed_label);
        CREATE TABLE IF NOT EXISTS thumbnails (
            image_id TEXT NOT NULL PRIMARY KEY,
            webp     BLOB NOT NULL -- the name predates JPEG previews; it holds a JPEG or a WebP (ImageFormats.Sniff tells)
        );
        """;

    public async Task<bool> SaveReviewAsync(StoredReview review, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO reviews (review_id, image_id, model_version, previous_label, reviewed_label, reviewer, reviewed_at)
            VALUES ($id, $image, $version, $previous, $reviewed, $reviewer, $at)
            ON CONFLICT (review_id) DO NOTHING;
            """;
        command.Parameters.AddWithValue("$id", ReviewKey(review.ReviewId));
        command.Parameters.AddWithValue("$image", review.ImageId);
        command.Parameters.AddWithValue("$version", review.ModelVersion);
        command.Parameters.AddWithValue("$previous", (object?)review.PreviousLabel ?? DBNull.Value);
        command.Parameters.AddWithValue("$reviewed", review.ReviewedLabel);
        command.Parameters.AddWithValue("$reviewer", review.Reviewer);
        command.Parameters.AddWithValue("$at", Time(review.ReviewedAt));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> WithdrawReviewAsync(Guid reviewId, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM reviews WHERE review_id = $id";
        command.Parameters.AddWithValue("$id", ReviewKey(reviewId));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<IReadOnlyList<StoredReview>> FindReviewsAsync(IReadOnlyCollection<string> imageIds, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        var found = new List<StoredReview>();
        await using var connection = await OpenAsync(cancellationToken);
        foreach (var chunk in imageIds.Distinct().Chunk(500))
        {
            await using var command = connection.CreateCommand();
            var names = chunk.Select((_, i) => "$i" + i).ToArray();
            command.CommandText = $"SELECT * FROM reviews WHERE image_id IN ({string.Join(',', names)})";
            for (var i = 0; i < chunk.Length; i++)
                command.Parameters.AddWithValue(names[i], chunk[i]);
            await ReadReviewsAsync(command, found, cancellationToken);
        }
        return StoredReview.LatestPerImage(found);
    }

    public async Task<IReadOnlyList<StoredReview>> QueryReviewsAsync(ReviewQuery query, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM reviews" + ReviewFilter(query, command)
            + " ORDER BY reviewed_at, review_id LIMIT $limit";
        command.Parameters.AddWithValue("$limit", query.Limit);
        var found = new List<StoredReview>();
        await ReadReviewsAsync(command, found, cancellationToken);
        return found;
    }

    /// <summary>Each image's latest review is the row that gives MAX(reviewed_at || review_id) (SQLite takes the bare
    /// columns from it; reviewed_at is of fixed width, so the text order is by time, then by review id), read in
    /// image order from <c>reviews_for_agreement</c> alone.</summary>
    public async Task<ReviewAgreement> TallyAgreementAsync(ReviewQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query.ModelVersion);
        await InitializeAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT previous_label, COUNT(*), SUM(previous_label = reviewed_label) FROM (
                SELECT previous_label, reviewed_label, MAX(reviewed_at || review_id) FROM reviews{ReviewFilter(query with { ImageId = null }, command)}
                GROUP BY image_id)
            WHERE previous_label IS NOT NULL GROUP BY previous_label
            """;
        var perLabel = new List<LabelAgreement>();
        await using (var r = await command.ExecuteReaderAsync(cancellationToken))
            while (await r.ReadAsync(cancellationToken))
                perLabel.Add(new LabelAgreement(r.GetString(0), r.GetInt32(1), r.GetInt32(2)));
        return ReviewAgreement.FromLabels(query.ModelVersion, perLabel);
    }

    private static string ReviewFilter(ReviewQuery query, SqliteCommand command)
    {
        var filter = new SqliteFilter(command);
        filter.Add("reviewed_at >= $from", "$from", query.From is { } from ? Time(from) : null);
        filter.Add("reviewed_at < $to", "$to", query.To is { } to ? Time(to) : null);
        filter.Add("model_version = $version", "$version", query.ModelVersion);
        filter.Add("image_id = $image", "$image", query.ImageId);
        return filter.Where;
    }

    public async Task SaveThumbnailAsync(string imageId, byte[] thumbnail, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        await using var connection = await OpenReplayableAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO thumbnails (image_id, webp) VALUES ($id, $webp) ON CONFLICT (image_id) DO NOTHING";
        command.Parameters.AddWithValue("$id", imageId);
        command.Parameters.AddWithValue("$webp", thumbnail);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<byte[]?> FindThumbnailAsync(string imageId, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT webp FROM thumbnails WHERE image_id = $id";
        command.Parameters.AddWithValue("$id", imageId);
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }

    /// <summary>The lower-case "D" form: its text order is the tie-break between two reviews of the same instant.</summary>
    private static string ReviewKey(Guid reviewId) => reviewId.ToString("D");

    private static async Task ReadReviewsAsync(SqliteCommand command, List<StoredReview> into, CancellationToken cancellationToken)
    {
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
            into.Add(new StoredReview
            {
                ReviewId = Guid.Parse(r.GetString(r.GetOrdinal("review_id"))),
                ImageId = r.GetString(r.GetOrdinal("image_id")),
                ModelVersion = r.GetString(r.GetOrdinal("model_version")),
                PreviousLabel = Text(r, "previous_label"),
                ReviewedLabel = r.GetString(r.GetOrdinal("reviewed_label")),
                Reviewer = r.GetString(r.GetOrdinal("reviewer")),
                ReviewedAt = DateTimeOffset.Parse(r.GetString(r.GetOrdinal("reviewed_at")), CultureInfo.InvariantCulture),
            });
    }
}
