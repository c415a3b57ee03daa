using Microsoft.Extensions.Options;
using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Driver;

namespace Returns.Results.Shadow;

/// <summary>Shadow outcomes in their own collection; <c>_id</c> is "image id:model version", so the first write wins.</summary>
public sealed class MongoShadowStore : IShadowStore
{
    private readonly IMongoCollection<ShadowDocument> outcomes;
    private readonly SemaphoreSlim indexLock = new(1, 1);
    private volatile bool indexesReady;

    public MongoShadowStore(IOptions<ResultsOptions> options) =>
        outcomes = new MongoClient(options.Value.MongoConnectionString).GetDatabase(options.Value.MongoDatabase)
            .GetCollection<ShadowDocument>("shadow_outcomes").WithWriteConcern(WriteConcern.WMajority).WithReadConcern(ReadConcern.Majority);

    public async Task<bool> SaveAsync(ShadowOutcome outcome, CancellationToken cancellationToken)
    {
        await EnsureIndexesAsync(cancellationToken);
        try
        {
            await outcomes.InsertOneAsync(ShadowDocument.From(outcome), cancellationToken: cancellationToken);
            return true;
        }
        catch (MongoWriteException e) when (e.WriteError.Category == ServerErrorCategory.DuplicateKey)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<ShadowOutcome>> ListAsync(string modelVersion, int skip, int limit, CancellationToken cancellationToken)
    {
        await EnsureIndexesAsync(cancellationToken);
        var found = await outcomes.Find(d => d.ModelVersion == modelVersion).SortBy(d => d.ImageId).Skip(skip).Limit(limit)
            .ToListAsync(cancellationToken);
        return found.Select(d => d.ToOutcome()).ToArray();
    }

    public async Task<int> CountAsync(string modelVersion, CancellationToken cancellationToken)
    {
        await EnsureIndexesAsync(cancellationToken);
        return (int)await outcomes.CountDocumentsAsync(d => d.ModelVersion == modelVersion, cancellationToken: cancellationToken);
    }

    private async Task EnsureIndexesAsync(CancellationToken cancellationToken)
    {
        if (indexesReady)
            return;
        await indexLock.WaitAsync(cancellationToken);
        try
        {
            await outcomes.Indexes.CreateOneAsync(
                new CreateIndexModel<ShadowDocument>(Builders<ShadowDocument>.IndexKeys.Ascending(d => d.ModelVersion).Ascending(d => d.ImageId)),
                cancellationToken: cancellationToken);
            indexesReady = true;
        }
        finally
        {
            indexLock.Release();
        }
    }

    internal sealed class ShadowDocument
    {
        [BsonId] public string Id { get; set; } = "";
        public string ImageId { get; set; } = "";
        public string ModelVersion { get; set; } = "";
        public string ModelSha256 { get; set; } = "";
        public string? RunId { get; set; }
        public string Label { get; set; } = "";
        public double Confidence { get; set; }
        public string? RetakeReason { get; set; }
        public double LatencyMs { get; set; }
        public string Worker { get; set; } = "";
        [BsonDateTimeOptions(Kind = DateTimeKind.Utc)] public DateTime ClassifiedAt { get; set; }

        public static ShadowDocument From(ShadowOutcome o) => new()
        {
            Id = $"{o.ImageId}:{o.ModelVersion}", ImageId = o.ImageId, ModelVersion = o.ModelVersion, ModelSha256 = o.ModelSha256, RunId = o.RunId,
            Label = o.Label, Confidence = o.Confidence, RetakeReason = o.RetakeReason, LatencyMs = o.LatencyMs, Worker = o.Worker,
            ClassifiedAt = o.ClassifiedAt.UtcDateTime,
        };

        public ShadowOutcome ToOutcome() => new()
        {
            ImageId = ImageId, ModelVersion = ModelVersion, ModelSha256 = ModelSha256, RunId = RunId, Label = Label, Confidence = (float)Confidence,
            RetakeReason = RetakeReason, LatencyMs = LatencyMs, Worker = Worker, ClassifiedAt = new DateTimeOffset(ClassifiedAt, TimeSpan.Zero),
        };
    }
}
