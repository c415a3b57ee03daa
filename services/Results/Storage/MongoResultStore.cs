using Microsoft.Extensions.Options;
using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Driver;
using Returns.Contracts;

namespace Returns.Results.Storage;

/// <summary>
/// The production results store. <c>_id</c> is "image id:model version", so the database itself refuses a second
/// outcome for the same image and model: the first write wins, as in SQLite. Writes wait for a majority.
/// Outcomes here; reviews and thumbnails in MongoReviews.cs.
/// </summary>
public sealed partial class MongoResultStore : IResultStore
{
    private readonly IMongoCollection<OutcomeDocument> outcomes;
    private readonly IMongoCollection<ReviewDocument> reviews;
    private readonly IMongoCollection<ThumbnailDocument> thumbnails;
    private readonly SemaphoreSlim indexLock = new(1, 1);
    private volatile bool indexesReady;

    public MongoResultStore(IOptions<ResultsOptions> options)
    {
        var database = new MongoClient(options.Value.MongoConnectionString).GetDatabase(options.Value.MongoDatabase);
        outcomes = Majority(database.GetCollection<OutcomeDocument>("outcomes"));
        reviews = Majority(database.GetCollection<ReviewDocument>(ReviewsCollection));
        lines = Majority(database.GetCollection<LineDocument>("return_lines"));
        linePhotos = Majority(database.GetCollection<LinePhotoDocument>("line_photos"));
        verdicts = Majority(database.GetCollection<VerdictDocument>(VerdictsCollection));
        thumbnails = Majority(database.GetCollection<ThumbnailDocument>("thumbnails"));
    }

    private static IMongoCollection<T> Majority<T>(IMongoCollection<T> collection) =>
        collection.WithWriteConcern(WriteConcern.WMajority).WithReadConcern(ReadConcern.Majority);

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (indexesReady)
            return;
        await indexLock.WaitAsync(cancellationToken);
        try
        {
            var keys = Builders<OutcomeDocument>.IndexKeys;
            await outcomes.Indexes.CreateManyAsync(
            [
                new CreateIndexModel<OutcomeDocument>(keys.Ascending(o => o.ImageId).Ascending(o => o.ModelVersion)),
                new CreateIndexModel<OutcomeDocument>(keys.Ascending(o => o.CompletedAt)),
                new CreateIndexModel<OutcomeDocument>(keys.Ascending(o => o.RunId)),
                new CreateIndexModel<OutcomeDocument>(keys.Ascending(o => o.ReturnId).Ascending(o => o.LineId)),
                new CreateIndexModel<OutcomeDocument>(keys.Ascending(o => o.ModelVersion).Ascending(o => o.Label).Ascending(o => o.Confidence)),
            ], cancellationToken);
            await CreateReviewIndexesAsync(cancellationToken);
            await CreateReturnLineIndexesAsync(cancellationToken);
            indexesReady = true;
        }
        finally
        {
            indexLock.Release();
        }
    }

    public async Task<bool> SaveAsync(StoredOutcome outcome, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        try
        {
            await outcomes.InsertOneAsync(OutcomeDocument.From(outcome), cancellationToken: cancellationToken);
            return true;
        }
        catch (MongoWriteException e) when (e.WriteError.Category == ServerErrorCategory.DuplicateKey)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<StoredOutcome>> FindAsync(IReadOnlyCollection<string> imageIds, string? modelVersion,
        CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        var filter = Builders<OutcomeDocument>.Filter;
        var found = await outcomes
            .Find(filter.In(o => o.ImageId, imageIds.Distinct())
                & (modelVersion is null ? filter.Empty : filter.In(o => o.ModelVersion, [modelVersion, ""])))
            .ToListAsync(cancellationToken);
        return found.Select(d => d.ToOutcome()).ToArray();
    }

    public async Task<IReadOnlyList<StoredOutcome>> QueryAsync(ResultQuery query, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        var page = Sorted(Matching(query), query.Order);
        if (query.Skip > 0)
            page = page.Skip(query.Skip);
        var found = await page.Limit(query.Limit).Project<OutcomeDocument>(new BsonDocument(SortConfidence, 0)).ToListAsync(cancellationToken);
        return found.Select(d => d.ToOutcome()).ToArray();
    }

    public async Task<int> CountAsync(ResultQuery query, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        var counted = await Matching(query).Count().FirstOrDefaultAsync(cancellationToken);
        return (int)(counted?.Count ?? 0);
    }

    private const string SortConfidence = "sortConfidence";

    /// <summary>The outcomes a query selects, shared by the page and its count so both always agree.</summary>
    private IAggregateFluent<OutcomeDocument> Matching(ResultQuery query)
    {
        var f = Builders<OutcomeDocument>.Filter;
        var filter = f.Empty;
        if (query.From is { } from)
            filter &= f.Gte(o => o.CompletedAt, from.UtcDateTime);
        if (query.To is { } to)
            filter &= f.Lt(o => o.CompletedAt, to.UtcDateTime);
        if (query.ModelVersion is { } version)
            filter &= f.Eq(o => o.ModelVersion, version);
        if (query.RunId is { } run)
            filter &= f.Eq(o => o.RunId, run);
        if (query.ReturnId is { } returnId)
            filter &= f.Eq(o => o.ReturnId, returnId);
        if (query.Status is { } status)
            filter &= f.Eq(o => o.Status, status);
        if (query.Label is { } label)
            filter &= f.Eq(o => o.Label, label);
        if (query.MinConfidence is { } min)
            filter &= f.Gte(o => o.Confidence, min);
        if (query.MaxConfidence is { } max)
            filter &= f.Lte(o => o.Confidence, max);
        // A review filter or the review queue's order cannot sort on an index; big results then sort on disk.
        var matching = outcomes.Aggregate(new AggregateOptions { AllowDiskUse = true }).Match(filter);
        if (query.Reviewed is not { } reviewed)
            return matching;
        // A review settles the photo, whichever model version's outcome the reviewer looked at.
        return matching
            .AppendStage<OutcomeDocument>(new BsonDocument("$lookup", new BsonDocument
            {
                { "from", ReviewsCollection },
                { "localField", nameof(OutcomeDocument.ImageId) },
                { "foreignField", nameof(ReviewDocument.ImageId) },
                { "pipeline", new BsonArray { new BsonDocument("$limit", 1), new BsonDocument("$project", new BsonDocument("_id", 1)) } },
                { "as", "reviews" },
            }))
            .Match(new BsonDocument("reviews", reviewed ? new BsonDocument("$ne", new BsonArray()) : new BsonArray()))
            .Project<OutcomeDocument>(new BsonDocument("reviews", 0));
    }

    /// <summary>As SQLite sorts: for the review queue an outcome without a confidence (a rejection) comes last, where
    /// MongoDB would put a missing value first.</summary>
    private static IAggregateFluent<OutcomeDocument> Sorted(IAggregateFluent<OutcomeDocument> matching, ResultOrder order) => order switch
    {
        ResultOrder.Newest => matching.Sort(new BsonDocument { { "CompletedAt", -1 }, { "ImageId", 1 }, { "ModelVersion", 1 } }),
        ResultOrder.LeastConfident => matching
            .AppendStage<OutcomeDocument>(new BsonDocument("$addFields",
                new BsonDocument(SortConfidence, new BsonDocument("$ifNull", new BsonArray { "$Confidence", 2.0 }))))
            .Sort(new BsonDocument { { SortConfidence, 1 }, { "CompletedAt", 1 }, { "ImageId", 1 }, { "ModelVersion", 1 } }),
        _ => matching.Sort(new BsonDocument { { "CompletedAt", 1 }, { "ImageId", 1 }, { "ModelVersion", 1 } }),
    };

    internal sealed class OutcomeDocument
    {
        [BsonId] public string Id { get; set; } = "";
        public string ImageId { get; set; } = "";
        public string ModelVersion { get; set; } = "";
        public string Status { get; set; } = "";
        public string SourceName { get; set; } = "";
        public string? ReturnId { get; set; }
        public string? LineId { get; set; }
        public string? RunId { get; set; }
        public string? ModelName { get; set; }
        public string? ModelSha256 { get; set; }
        public string? Label { get; set; }
        public double? Confidence { get; set; }
        public List<ScoreDocument> TopK { get; set; } = [];
        public string? Stage { get; set; }
        public string? Reason { get; set; }
        public string? Detail { get; set; }
        public string? Worker { get; set; }
        [BsonDateTimeOptions(Kind = DateTimeKind.Utc)] public DateTime ReceivedAt { get; set; }
        [BsonDateTimeOptions(Kind = DateTimeKind.Utc)] public DateTime CompletedAt { get; set; }
        [BsonDateTimeOptions(Kind = DateTimeKind.Utc)] public DateTime? StoredAt { get; set; }
        public double? LatencyMs { get; set; }

        public static OutcomeDocument From(StoredOutcome o) => new()
        {
            Id = $"{o.ImageId}:{o.ModelVersion}", ImageId = o.ImageId, ModelVersion = o.ModelVersion, Status = o.Status,
            SourceName = o.SourceName, ReturnId = o.ReturnId, LineId = o.LineId, RunId = o.RunId, ModelName = o.ModelName, ModelSha256 = o.ModelSha256,
            Label = o.Label, Confidence = o.Confidence, TopK = o.TopK.Select(s => new ScoreDocument { Label = s.Label, Score = s.Score }).ToList(),
            Stage = o.Stage, Reason = o.Reason, Detail = o.Detail, Worker = o.Worker,
            ReceivedAt = o.ReceivedAt.UtcDateTime, CompletedAt = o.CompletedAt.UtcDateTime, StoredAt = o.StoredAt?.UtcDateTime,
            LatencyMs = o.LatencyMs,
        };

        public StoredOutcome ToOutcome() => new()
        {
            ImageId = ImageId, ModelVersion = ModelVersion, Status = Status, SourceName = SourceName, ReturnId = ReturnId, LineId = LineId, RunId = RunId,
            ModelName = ModelName, ModelSha256 = ModelSha256, Label = Label, Confidence = (float?)Confidence,
            TopK = TopK.Select(s => new LabelScore(s.Label, (float)s.Score)).ToArray(), Stage = Stage, Reason = Reason,
            Detail = Detail, Worker = Worker, ReceivedAt = new DateTimeOffset(ReceivedAt, TimeSpan.Zero),
            CompletedAt = new DateTimeOffset(CompletedAt, TimeSpan.Zero),
            StoredAt = StoredAt is { } stored ? new DateTimeOffset(stored, TimeSpan.Zero) : null, LatencyMs = LatencyMs,
        };
    }

    internal sealed class ScoreDocument
    {
        public string Label { get; set; } = "";
        public double Score { get; set; }
    }
}
