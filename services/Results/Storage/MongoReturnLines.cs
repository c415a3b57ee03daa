using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Driver;
using Returns.Contracts;

namespace Returns.Results.Storage;

/// <summary>Declared lines and their photos (<c>_id</c> from the natural key, so the database refuses a duplicate), and
/// each line's current verdict (replaced only while its stored revision is the one before: two assessments of one line
/// cannot both win).</summary>
public sealed partial class MongoResultStore : IReturnLineStore
{
    private const string VerdictsCollection = "line_verdicts";
    private readonly IMongoCollection<LineDocument> lines;
    private readonly IMongoCollection<LinePhotoDocument> linePhotos;
    private readonly IMongoCollection<VerdictDocument> verdicts;

    private async Task CreateReturnLineIndexesAsync(CancellationToken cancellationToken)
    {
        await lines.Indexes.CreateOneAsync(new CreateIndexModel<LineDocument>(Builders<LineDocument>.IndexKeys.Ascending(l => l.RegisteredAt)),
            cancellationToken: cancellationToken);
        var photoKeys = Builders<LinePhotoDocument>.IndexKeys;
        await linePhotos.Indexes.CreateManyAsync(
        [
            new CreateIndexModel<LinePhotoDocument>(photoKeys.Ascending(p => p.ImageId)),
            new CreateIndexModel<LinePhotoDocument>(photoKeys.Ascending(p => p.ReturnId).Ascending(p => p.LineId)),
        ], cancellationToken);
        var verdictKeys = Builders<VerdictDocument>.IndexKeys;
        await verdicts.Indexes.CreateManyAsync(
        [
            new CreateIndexModel<VerdictDocument>(verdictKeys.Ascending(v => v.AssessedAt)),
            new CreateIndexModel<VerdictDocument>(verdictKeys.Ascending(v => v.ReturnId).Ascending(v => v.LineId)),
        ], cancellationToken);
    }

    public async Task<int> SaveLinesAsync(IReadOnlyList<RegisteredLine> registered, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        var added = 0;
        foreach (var line in registered)
            if (await InsertOnceAsync(lines, LineDocument.From(line), cancellationToken))
                added++;
        return added;
    }

    public async Task<RegisteredLine?> FindLineAsync(string returnId, string lineId, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        var found = await lines.Find(l => l.Id == VerdictJson.Key(returnId, lineId)).FirstOrDefaultAsync(cancellationToken);
        return found?.ToLine();
    }

    public async Task<bool> AttachPhotoAsync(LinePhoto photo, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        return await InsertOnceAsync(linePhotos, new LinePhotoDocument
        {
            Id = VerdictJson.Key(photo.ReturnId, photo.LineId) + ":" + photo.ImageId, ReturnId = photo.ReturnId, LineId = photo.LineId,
            ImageId = photo.ImageId, AttachedAt = photo.AttachedAt.UtcDateTime,
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> FindLinePhotosAsync(string returnId, string lineId, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        var linked = await linePhotos.Find(p => p.ReturnId == returnId && p.LineId == lineId).Project(p => p.ImageId).ToListAsync(cancellationToken);
        var named = await outcomes.Find(o => o.ReturnId == returnId && o.LineId == lineId).Project(o => o.ImageId).ToListAsync(cancellationToken);
        return linked.Concat(named).Distinct().Order(StringComparer.Ordinal).ToArray();
    }

    public async Task<IReadOnlyList<LineKey>> FindLinesOfImageAsync(string imageId, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        var linked = await linePhotos.Find(p => p.ImageId == imageId).ToListAsync(cancellationToken);
        var named = await outcomes.Find(o => o.ImageId == imageId && o.ReturnId != null && o.LineId != null).ToListAsync(cancellationToken);
        return linked.Select(p => new LineKey(p.ReturnId, p.LineId))
            .Concat(named.Select(o => new LineKey(o.ReturnId!, o.LineId!)))
            .Distinct()
            .OrderBy(k => k.ReturnId, StringComparer.Ordinal).ThenBy(k => k.LineId, StringComparer.Ordinal)
            .ToArray();
    }

    public async Task<StoredVerdict?> FindVerdictAsync(string returnId, string lineId, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        var found = await verdicts.Find(v => v.Id == VerdictJson.Key(returnId, lineId)).FirstOrDefaultAsync(cancellationToken);
        return found?.ToVerdict();
    }

    public async Task<bool> SaveVerdictAsync(ReturnLineAssessed verdict, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        var document = VerdictDocument.From(verdict);
        if (verdict.Revision == 1)
            return await InsertOnceAsync(verdicts, document, cancellationToken);
        var replaced = await verdicts.ReplaceOneAsync(v => v.Id == document.Id && v.Revision == verdict.Revision - 1, document,
            cancellationToken: cancellationToken);
        return replaced.ModifiedCount == 1;
    }

    public async Task MarkPublishedAsync(string returnId, string lineId, int revision, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        await verdicts.UpdateOneAsync(v => v.Id == VerdictJson.Key(returnId, lineId) && v.Revision == revision,
            Builders<VerdictDocument>.Update.Set(v => v.Published, true), cancellationToken: cancellationToken);
    }

    public async Task<IReadOnlyList<LineKey>> FindLinesWithoutVerdictAsync(DateTimeOffset registeredBefore, int limit, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        // A verdict's _id is its line's _id, so one lookup on _id finds the lines nobody assessed yet.
        var found = await lines.Aggregate()
            .Match(l => l.RegisteredAt < registeredBefore.UtcDateTime)
            .AppendStage<BsonDocument>(new BsonDocument("$lookup", new BsonDocument
            {
                { "from", VerdictsCollection }, { "localField", "_id" }, { "foreignField", "_id" }, { "as", "verdicts" },
            }))
            .Match(new BsonDocument("verdicts", new BsonArray()))
            .Sort(new BsonDocument { { nameof(LineDocument.RegisteredAt), 1 }, { "_id", 1 } })
            .Limit(limit)
            .ToListAsync(cancellationToken);
        return found.Select(d => new LineKey(d[nameof(LineDocument.ReturnId)].AsString, d[nameof(LineDocument.LineId)].AsString)).ToArray();
    }

    public async Task<IReadOnlyList<StoredVerdict>> QueryVerdictsAsync(VerdictQuery query, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        var f = Builders<VerdictDocument>.Filter;
        var filter = f.Empty;
        if (query.From is { } from)
            filter &= f.Gte(v => v.AssessedAt, from.UtcDateTime);
        if (query.To is { } to)
            filter &= f.Lt(v => v.AssessedAt, to.UtcDateTime);
        if (query.ReturnId is { } returnId)
            filter &= f.Eq(v => v.ReturnId, returnId);
        var found = await verdicts.Find(filter)
            .Sort(Builders<VerdictDocument>.Sort.Ascending(v => v.ReturnId).Ascending(v => v.LineId))
            .Limit(query.Limit)
            .ToListAsync(cancellationToken);
        var words = new VerdictStrings();
        return found.Select(d => d.ToVerdict()).Select(v => v with { Verdict = words.Share(v.Verdict) }).ToArray();
    }

    internal sealed class LineDocument
    {
        [BsonId] public string Id { get; set; } = "";
        public string ReturnId { get; set; } = "";
        public string LineId { get; set; } = "";
        public string OrderId { get; set; } = "";
        public string Sku { get; set; } = "";
        public string DeclaredCategory { get; set; } = "";
        [BsonDateTimeOptions(Kind = DateTimeKind.Utc)] public DateTime RegisteredAt { get; set; }

        public static LineDocument From(RegisteredLine l) => new()
        {
            Id = VerdictJson.Key(l.ReturnId, l.LineId), ReturnId = l.ReturnId, LineId = l.LineId, OrderId = l.OrderId, Sku = l.Sku,
            DeclaredCategory = l.DeclaredCategory, RegisteredAt = l.RegisteredAt.UtcDateTime,
        };

        public RegisteredLine ToLine() => new()
        {
            ReturnId = ReturnId, LineId = LineId, OrderId = OrderId, Sku = Sku, DeclaredCategory = DeclaredCategory,
            RegisteredAt = new DateTimeOffset(RegisteredAt, TimeSpan.Zero),
        };
    }

    internal sealed class LinePhotoDocument
    {
        [BsonId] public string Id { get; set; } = "";
        public string ReturnId { get; set; } = "";
        public string LineId { get; set; } = "";
        public string ImageId { get; set; } = "";
        [BsonDateTimeOptions(Kind = DateTimeKind.Utc)] public DateTime AttachedAt { get; set; }
    }

    internal sealed class VerdictDocument
    {
        [BsonId] public string Id { get; set; } = "";
        public string ReturnId { get; set; } = "";
        public string LineId { get; set; } = "";
        public int Revision { get; set; }
        public string Verdict { get; set; } = "";
        [BsonDateTimeOptions(Kind = DateTimeKind.Utc)] public DateTime AssessedAt { get; set; }
        public bool Published { get; set; }
        /// <summary>The message as published (JSON), read back whole.</summary>
        public string Message { get; set; } = "";

        public static VerdictDocument From(ReturnLineAssessed v) => new()
        {
            Id = VerdictJson.Key(v.ReturnId, v.LineId), ReturnId = v.ReturnId, LineId = v.LineId, Revision = v.Revision, Verdict = v.Verdict,
            AssessedAt = v.AssessedAt.UtcDateTime, Message = VerdictJson.Write(v),
        };

        public StoredVerdict ToVerdict() => new(VerdictJson.Read(Message), Published);
    }
}
