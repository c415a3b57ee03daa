using Microsoft.Extensions.Options;
using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Driver;
using Returns.Contracts;

namespace Returns.Results.Storage;

/// <summary>
/// The production results store. <c>_id</c> is "image id:model version", so the database itself refuses a second
/// outcome for the same image and model: the first write wins, as in SQLite. Writes wait for a majority.
/// </summary>
public sealed class MongoResultStore : IResultStore
{
    private readonly IMongoCollection<OutcomeDocument> outcomes;
    private readonly SemaphoreSlim indexLock = new(1, 1);
    private volatile bool indexesReady;

    public MongoResultStore(IOptions<ResultsOptions> options)
    {
        var client = new MongoClient(options.Value.MongoConnectionString);
        outcomes = client.GetDatabase(options.Value.MongoDatabase)
            .GetCollection<OutcomeDocument>("outcomes")
            .WithWriteConcern(WriteConcern.WMajority)
            .WithReadConcern(ReadConcern.Majority);
    }

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
                new CreateIndexModel<OutcomeDocument>(keys.Ascending(o => o.ModelVersion).Ascending(o => o.Label).Ascending(o => o.Confidence)),
            ], cancellationToken);
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
        if (query.Status is { } status)
            filter &= f.Eq(o => o.Status, status);
        if (query.Label is { } label)
            filter &= f.Eq(o => o.Label, label);
        if (query.MinConfidence is { } min)
            filter &= f.Gte(o => o.Confidence, min);
        if (query.MaxConfidence is { } max)
            filter &= f.Lte(o => o.Confidence, max);
        var found = await outcomes.Find(filter)
            .Sort(Builders<OutcomeDocument>.Sort.Ascending(o => o.CompletedAt).Ascending(o => o.ImageId).Ascending(o => o.ModelVersion))
            .Limit(query.Limit)
            .ToListAsync(cancellationToken);
        return found.Select(d => d.ToOutcome()).ToArray();
    }

    internal sealed class OutcomeDocument
    {
        [BsonId] public string Id { get; set; } = "";
        public string ImageId { get; set; } = "";
        public string ModelVersion { get; set; } = "";
        public string Status { get; set; } = "";
        public string SourceName { get; set; } = "";
        public string? ReturnId { get; set; }
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

        public static OutcomeDocument From(StoredOutcome o) => new()
        {
            Id = $"{o.ImageId}:{o.ModelVersion}", ImageId = o.ImageId, ModelVersion = o.ModelVersion, Status = o.Status,
            SourceName = o.SourceName, ReturnId = o.ReturnId, RunId = o.RunId, ModelName = o.ModelName, ModelSha256 = o.ModelSha256,
            Label = o.Label, Confidence = o.Confidence, TopK = o.TopK.Select(s => new ScoreDocument { Label = s.Label, Score = s.Score }).ToList(),
            Stage = o.Stage, Reason = o.Reason, Detail = o.Detail, Worker = o.Worker,
            ReceivedAt = o.ReceivedAt.UtcDateTime, CompletedAt = o.CompletedAt.UtcDateTime,
        };

        public StoredOutcome ToOutcome() => new()
        {
            ImageId = ImageId, ModelVersion = ModelVersion, Status = Status, SourceName = SourceName, ReturnId = ReturnId, RunId = RunId,
            ModelName = ModelName, ModelSha256 = ModelSha256, Label = Label, Confidence = (float?)Confidence,
            TopK = TopK.Select(s => new LabelScore(s.Label, (float)s.Score)).ToArray(), Stage = Stage, Reason = Reason,
            Detail = Detail, Worker = Worker, ReceivedAt = new DateTimeOffset(ReceivedAt, TimeSpan.Zero),
            CompletedAt = new DateTimeOffset(CompletedAt, TimeSpan.Zero),
        };
    }

    internal sealed class ScoreDocument
    {
        public string Label { get; set; } = "";
        public double Score { get; set; }
    }

    // Interface added for the staff console; implemented on the console-backend branch.
    public Task<int> CountAsync(ResultQuery query, CancellationToken cancellationToken) => throw new NotImplementedException();
    public Task<bool> SaveReviewAsync(StoredReview review, CancellationToken cancellationToken) => throw new NotImplementedException();
    public Task<IReadOnlyList<StoredReview>> FindReviewsAsync(IReadOnlyCollection<string> imageIds, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
    public Task<IReadOnlyList<StoredReview>> QueryReviewsAsync(ReviewQuery query, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
    public Task SaveThumbnailAsync(string imageId, byte[] webp, CancellationToken cancellationToken) => throw new NotImplementedException();
    public Task<byte[]?> FindThumbnailAsync(string imageId, CancellationToken cancellationToken) => throw new NotImplementedException();

}
