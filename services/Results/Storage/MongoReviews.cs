using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Driver;
using Returns.Results.Reports;

namespace Returns.Results.Storage;

/// <summary>Reviews (<c>_id</c> is the review id, so a redelivered review is refused by the database) and thumbnails
/// (<c>_id</c> is the image id: the first one wins).</summary>
public sealed partial class MongoResultStore
{
    private const string ReviewsCollection = "reviews";

    private Task CreateReviewIndexesAsync(CancellationToken cancellationToken)
    {
        var keys = Builders<ReviewDocument>.IndexKeys;
        return reviews.Indexes.CreateManyAsync(
        [
            new CreateIndexModel<ReviewDocument>(keys.Ascending(r => r.ImageId)),
            new CreateIndexModel<ReviewDocument>(keys.Ascending(r => r.ReviewedAt)),
            new CreateIndexModel<ReviewDocument>(keys.Ascending(r => r.ModelVersion).Ascending(r => r.ReviewedAt)),
            new CreateIndexModel<ReviewDocument>(keys.Ascending(r => r.ModelVersion).Ascending(r => r.ImageId).Descending(r => r.ReviewedAt).Descending(r => r.Id)),
        ], cancellationToken);
    }

    public async Task<bool> SaveReviewAsync(StoredReview review, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        return await InsertOnceAsync(reviews, ReviewDocument.From(review), cancellationToken);
    }

    public async Task<bool> WithdrawReviewAsync(Guid reviewId, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        var deleted = await reviews.DeleteOneAsync(r => r.Id == reviewId.ToString("D"), cancellationToken);
        return deleted.DeletedCount == 1;
    }

    public async Task<IReadOnlyList<StoredReview>> FindReviewsAsync(IReadOnlyCollection<string> imageIds, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        var found = await reviews.Find(Builders<ReviewDocument>.Filter.In(r => r.ImageId, imageIds.Distinct())).ToListAsync(cancellationToken);
        return StoredReview.LatestPerImage(found.Select(d => d.ToReview()));
    }

    public async Task<IReadOnlyList<StoredReview>> QueryReviewsAsync(ReviewQuery query, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        var found = await reviews.Find(ReviewFilter(query))
            .Sort(Builders<ReviewDocument>.Sort.Ascending(r => r.ReviewedAt).Ascending(r => r.Id))
            .Limit(query.Limit)
            .ToListAsync(cancellationToken);
        return found.Select(d => d.ToReview()).ToArray();
    }

    /// <summary>Each image's latest review (by time, then review id, as SQLite orders them), then counted per label.</summary>
    public async Task<ReviewAgreement> TallyAgreementAsync(ReviewQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query.ModelVersion);
        await InitializeAsync(cancellationToken);
        var labels = await reviews.Aggregate(new AggregateOptions { AllowDiskUse = true })
            .Match(ReviewFilter(query with { ImageId = null }))
            .Sort(new BsonDocument { { nameof(ReviewDocument.ImageId), 1 }, { nameof(ReviewDocument.ReviewedAt), -1 }, { "_id", -1 } })
            .Group(new BsonDocument
            {
                { "_id", "$" + nameof(ReviewDocument.ImageId) },
                { "previous", new BsonDocument("$first", "$" + nameof(ReviewDocument.PreviousLabel)) },
                { "reviewed", new BsonDocument("$first", "$" + nameof(ReviewDocument.ReviewedLabel)) },
            })
            .Match(new BsonDocument("previous", new BsonDocument("$ne", BsonNull.Value)))
            .Group(new BsonDocument
            {
                { "_id", "$previous" }, { "reviewed", new BsonDocument("$sum", 1) },
                { "agreed", new BsonDocument("$sum", new BsonDocument("$cond", new BsonArray { new BsonDocument("$eq", new BsonArray { "$previous", "$reviewed" }), 1, 0 })) },
            })
            .ToListAsync(cancellationToken);
        return ReviewAgreement.FromLabels(query.ModelVersion, labels.Select(l => new LabelAgreement(l["_id"].AsString, l["reviewed"].ToInt32(), l["agreed"].ToInt32())));
    }

    private static FilterDefinition<ReviewDocument> ReviewFilter(ReviewQuery query)
    {
        var f = Builders<ReviewDocument>.Filter;
        var filter = f.Empty;
        if (query.From is { } from)
            filter &= f.Gte(r => r.ReviewedAt, from.UtcDateTime);
        if (query.To is { } to)
            filter &= f.Lt(r => r.ReviewedAt, to.UtcDateTime);
        if (query.ModelVersion is { } version)
            filter &= f.Eq(r => r.ModelVersion, version);
        if (query.ImageId is { } imageId)
            filter &= f.Eq(r => r.ImageId, imageId);
        return filter;
    }

    public async Task SaveThumbnailAsync(string imageId, byte[] thumbnail, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        await InsertOnceAsync(thumbnails, new ThumbnailDocument { ImageId = imageId, Webp = thumbnail }, cancellationToken);
    }

    public async Task<byte[]?> FindThumbnailAsync(string imageId, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        var found = await thumbnails.Find(Builders<ThumbnailDocument>.Filter.Eq(t => t.ImageId, imageId)).FirstOrDefaultAsync(cancellationToken);
        return found?.Webp;
    }

    /// <summary>True when inserted; false when a document with the same <c>_id</c> was already there.</summary>
    private static async Task<bool> InsertOnceAsync<T>(IMongoCollection<T> collection, T document, CancellationToken cancellationToken)
    {
        try
        {
            await collection.InsertOneAsync(document, cancellationToken: cancellationToken);
            return true;
        }
        catch (MongoWriteException e) when (e.WriteError.Category == ServerErrorCategory.DuplicateKey)
        {
            return false;
        }
    }

    internal sealed class ReviewDocument
    {
        /// <summary>The review id's lower-case "D" form: its text order is the tie-break, as in SQLite.</summary>
        [BsonId] public string Id { get; set; } = "";
        public string ImageId { get; set; } = "";
        public string ModelVersion { get; set; } = "";
        public string? PreviousLabel { get; set; }
        public string ReviewedLabel { get; set; } = "";
        public string Reviewer { get; set; } = "";
        [BsonDateTimeOptions(Kind = DateTimeKind.Utc)] public DateTime ReviewedAt { get; set; }

        public static ReviewDocument From(StoredReview r) => new()
        {
            Id = r.ReviewId.ToString("D"), ImageId = r.ImageId, ModelVersion = r.ModelVersion, PreviousLabel = r.PreviousLabel,
            ReviewedLabel = r.ReviewedLabel, Reviewer = r.Reviewer, ReviewedAt = r.ReviewedAt.UtcDateTime,
        };

        public StoredReview ToReview() => new()
        {
            ReviewId = Guid.Parse(Id), ImageId = ImageId, ModelVersion = ModelVersion, PreviousLabel = PreviousLabel,
            ReviewedLabel = ReviewedLabel, Reviewer = Reviewer, ReviewedAt = new DateTimeOffset(ReviewedAt, TimeSpan.Zero),
        };
    }

    internal sealed class ThumbnailDocument
    {
        [BsonId] public string ImageId { get; set; } = "";
        /// <summary>A JPEG or a WebP; the name predates JPEG previews and stays so stored documents still read.</summary>
        public byte[] Webp { get; set; } = [];
    }
}
