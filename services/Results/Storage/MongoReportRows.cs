using System.Runtime.CompilerServices;
using MongoDB.Bson;
using MongoDB.Driver;
using Returns.Contracts;
using Returns.Results.Reports;

namespace Returns.Results.Storage;

/// <summary>A period's report rows in MongoDB: one pipeline groups the period's outcomes by image (its outcome by the
/// report's version first, else its latest, else its refusal), joins its latest review and writes the rows to a
/// collection of their own ($out), which the figures ($group) and the lists (sorted finds) then read. Dropped on dispose.</summary>
internal sealed class MongoReportRows(IMongoCollection<BsonDocument> rows, ReportScope scope) : IReportRows
{
    public static async Task<MongoReportRows> OpenAsync(IMongoCollection<MongoResultStore.OutcomeDocument> outcomes, ReportScope scope,
        string reviewsCollection, CancellationToken cancellationToken)
    {
        var name = $"report_rows_{Guid.NewGuid():N}";
        var preference = new BsonDocument("$cond", new BsonArray
        {
            new BsonDocument("$eq", new BsonArray { "$ModelVersion", scope.ModelVersion }), 0,
            new BsonDocument("$cond", new BsonArray { new BsonDocument("$ne", new BsonArray { "$ModelVersion", "" }), 1, 2 }),
        });
        var f = Builders<MongoResultStore.OutcomeDocument>.Filter;
        using var written = await outcomes.Aggregate(new AggregateOptions { AllowDiskUse = true })
            .Match(f.Gte(o => o.CompletedAt, scope.From.UtcDateTime) & f.Lt(o => o.CompletedAt, scope.To.UtcDateTime))
            .AppendStage<BsonDocument>(new BsonDocument("$addFields", new BsonDocument("preference", preference)))
            .Sort(new BsonDocument { { "ImageId", 1 }, { "preference", 1 }, { "CompletedAt", -1 }, { "ModelVersion", 1 } })
            .Group(new BsonDocument
            {
                { "_id", "$ImageId" }, { "chosen", new BsonDocument("$first", "$$ROOT") }, { "files", new BsonDocument("$sum", 1) },
                { "sources", new BsonDocument("$push", "$SourceName") }, { "firstSource", new BsonDocument("$min", "$SourceName") },
                { "firstCompleted", new BsonDocument("$min", "$CompletedAt") },
            })
            .AppendStage<BsonDocument>(new BsonDocument("$lookup", new BsonDocument
            {
                { "from", reviewsCollection }, { "localField", "_id" }, { "foreignField", "ImageId" },
                { "pipeline", new BsonArray { new BsonDocument("$sort", new BsonDocument { { "ReviewedAt", -1 }, { "_id", -1 } }), new BsonDocument("$limit", 1) } },
                { "as", "review" },
            }))
            .AppendStage<BsonDocument>(new BsonDocument("$unwind", new BsonDocument { { "path", "$review" }, { "preserveNullAndEmptyArrays", true } }))
            .AppendStage<BsonDocument>(new BsonDocument("$addFields", new BsonDocument
            {
                { "status", "$chosen.Status" }, { "label", "$chosen.Label" }, { "confidence", "$chosen.Confidence" }, { "reason", "$chosen.Reason" },
                { "reviewedLabel", "$review.ReviewedLabel" },
            }))
            .OutAsync(name, cancellationToken);
        var collection = outcomes.Database.GetCollection<BsonDocument>(name);
        await collection.Indexes.CreateOneAsync(new CreateIndexModel<BsonDocument>(
            new BsonDocument { { "firstSource", 1 }, { "firstCompleted", 1 }, { "_id", 1 } }), cancellationToken: cancellationToken);
        return new MongoReportRows(collection, scope);
    }

    private BsonDocument Unsure => new()
    {
        { "status", OutcomeStatus.Classified }, { "reviewedLabel", new BsonDocument("$exists", false) },
        { "confidence", new BsonDocument("$lt", scope.ReviewThreshold) },
    };

    private static readonly BsonDocument InOrder = new() { { "firstSource", 1 }, { "firstCompleted", 1 }, { "_id", 1 } };

    public async Task<ReportFigures> AggregateAsync(CancellationToken cancellationToken)
    {
        BsonValue Is(string status) => new BsonDocument("$eq", new BsonArray { "$status", status });
        var hasReview = new BsonDocument("$ne", new BsonArray { new BsonDocument("$type", "$reviewedLabel"), "missing" });
        var unsure = new BsonDocument("$and", new BsonArray
            { Is(OutcomeStatus.Classified), new BsonDocument("$not", new BsonArray { hasReview }), new BsonDocument("$lt", new BsonArray { "$confidence", scope.ReviewThreshold }),
              new BsonDocument("$ne", new BsonArray { "$confidence", BsonNull.Value }) });
        var accepted = new BsonDocument("$and", new BsonArray { Is(OutcomeStatus.Classified), new BsonDocument("$not", new BsonArray { hasReview }),
            new BsonDocument("$not", new BsonArray { unsure }) });
        BsonDocument Sum(BsonValue condition, BsonValue value) => new("$sum", new BsonDocument("$cond", new BsonArray { condition, value, 0 }));
        var totals = await rows.Aggregate().Group(new BsonDocument
        {
            { "_id", BsonNull.Value }, { "files", new BsonDocument("$sum", "$files") }, { "images", new BsonDocument("$sum", 1) },
            { "classified", Sum(Is(OutcomeStatus.Classified), 1) }, { "retakes", Sum(Is(OutcomeStatus.NeedsRetake), 1) },
            { "rejected", Sum(Is(OutcomeStatus.Rejected), 1) }, { "reviewed", Sum(hasReview, 1) },
            { "corrected", Sum(new BsonDocument("$and", new BsonArray { hasReview, new BsonDocument("$ne", new BsonArray { "$label", BsonNull.Value }),
                new BsonDocument("$ne", new BsonArray { "$reviewedLabel", "$label" }) }), 1) },
            { "accepted", Sum(accepted, 1) }, { "errors", Sum(accepted, new BsonDocument("$subtract", new BsonArray { 1, "$confidence" })) },
            { "mean", new BsonDocument("$avg", new BsonDocument("$cond", new BsonArray { Is(OutcomeStatus.Classified), "$confidence", BsonNull.Value })) },
        }).FirstOrDefaultAsync(cancellationToken);
        if (totals is null)
            return new ReportFigures(0, 0, 0, 0, 0, 0, 0, 0, new Dictionary<string, int>(), new Dictionary<string, int>(), 0, 0, 0, new int[10]);
        return new ReportFigures(totals["files"].ToInt32(), totals["images"].ToInt32(), totals["classified"].ToInt32(), totals["retakes"].ToInt32(),
            totals["rejected"].ToInt32(), Pending: 0, totals["reviewed"].ToInt32(), totals["corrected"].ToInt32(),
            await CountAsync(new BsonDocument("$ifNull", new BsonArray { "$reviewedLabel", "$label" }), cancellationToken),
            await CountAsync("$label", cancellationToken), totals["accepted"].ToInt32(), totals["errors"].ToDouble(),
            totals["mean"].IsBsonNull ? 0 : totals["mean"].ToDouble(), await BinsAsync(cancellationToken));
    }

    private async Task<IReadOnlyDictionary<string, int>> CountAsync(BsonValue key, CancellationToken cancellationToken)
    {
        var groups = await rows.Aggregate().Match(new BsonDocument("status", OutcomeStatus.Classified))
            .Group(new BsonDocument { { "_id", key }, { "count", new BsonDocument("$sum", 1) } }).ToListAsync(cancellationToken);
        return groups.Where(g => g["_id"].IsString).ToDictionary(g => g["_id"].AsString, g => g["count"].ToInt32(), StringComparer.Ordinal);
    }

    private async Task<IReadOnlyList<int>> BinsAsync(CancellationToken cancellationToken)
    {
        // As ReportFigures.Bin does in float: the product rounded to float precision (half a float step up) before truncation.
        var product = new BsonDocument("$multiply", new BsonArray { "$confidence", 10 });
        BsonDocument From(int at, int bits) => new() { { "case", new BsonDocument("$gte", new BsonArray { product, at }) }, { "then", ReportFigures.HalfStep(bits) } };
        var rounding = new BsonDocument("$switch", new BsonDocument
            { { "branches", new BsonArray { From(8, 20), From(4, 21), From(2, 22), From(1, 23) } }, { "default", ReportFigures.HalfStep(24) } });
        var bin = new BsonDocument("$min", new BsonArray { new BsonDocument("$floor", new BsonDocument("$add", new BsonArray { product, rounding })), 9 });
        var groups = await rows.Aggregate()
            .Match(new BsonDocument { { "status", OutcomeStatus.Classified }, { "confidence", new BsonDocument("$type", "number") } })
            .Group(new BsonDocument { { "_id", bin }, { "count", new BsonDocument("$sum", 1) } }).ToListAsync(cancellationToken);
        var bins = new int[10];
        foreach (var g in groups)
            bins[Math.Clamp(g["_id"].ToInt32(), 0, 9)] += g["count"].ToInt32();
        return bins;
    }

    public async Task<ListTotals> CountListsAsync(CancellationToken cancellationToken)
    {
        var retakes = new BsonDocument { { "status", OutcomeStatus.NeedsRetake }, { "reviewedLabel", new BsonDocument("$exists", false) } };
        return new ListTotals((int)await rows.CountDocumentsAsync(Unsure, cancellationToken: cancellationToken),
            (int)await rows.CountDocumentsAsync(retakes, cancellationToken: cancellationToken));
    }

    public async IAsyncEnumerable<ReportRow> ReadAsync(ReportList list, [EnumeratorCancellation] CancellationToken cancellationToken,
        int limit = int.MaxValue)
    {
        var (filter, sort) = list switch
        {
            ReportList.LowConfidence => (Unsure, new BsonDocument { { "confidence", 1 }, { "_id", 1 } }),
            ReportList.Reviewed => (new BsonDocument("reviewedLabel", new BsonDocument("$exists", true)), InOrder),
            ReportList.NeedsRetake => (new BsonDocument("status", OutcomeStatus.NeedsRetake), new BsonDocument("reason", 1).AddRange(InOrder)),
            ReportList.Rejected => (new BsonDocument("status", OutcomeStatus.Rejected), new BsonDocument("reason", 1).AddRange(InOrder)),
            _ => (new BsonDocument(), InOrder),
        };
        if (limit <= 0)
            yield break; // MongoDB reads a limit of 0 as none
        using var cursor = await rows.Find(filter, new FindOptions { AllowDiskUse = true }).Sort(sort).Limit(limit).ToCursorAsync(cancellationToken);
        while (await cursor.MoveNextAsync(cancellationToken))
            foreach (var document in cursor.Current)
                yield return Row(document);
    }

    private ReportRow Row(BsonDocument d)
    {
        var chosen = d["chosen"].AsBsonDocument;
        var review = d.GetValue("review", BsonNull.Value) as BsonDocument;
        float? confidence = chosen.GetValue("Confidence", BsonNull.Value) is { IsBsonNull: false } c ? (float)c.ToDouble() : null;
        var status = chosen["Status"].AsString;
        return new ReportRow
        {
            ImageId = d["_id"].AsString,
            SourceNames = d["sources"].AsBsonArray.Select(s => s.AsString).Order(StringComparer.Ordinal).ToArray(),
            Status = status,
            ReturnId = Text(chosen, "ReturnId"),
            Label = Text(chosen, "Label"),
            Confidence = confidence,
            TopK = chosen["TopK"].AsBsonArray.Select(s => new LabelScore(s["Label"].AsString, (float)s["Score"].ToDouble())).ToArray(),
            NeedsReview = NeedsPerson.Of(status, confidence, reviewed: review is not null, scope.ReviewThreshold),
            Stage = Text(chosen, "Stage"),
            Reason = Text(chosen, "Reason"),
            Detail = Text(chosen, "Detail"),
            ModelVersion = chosen["ModelVersion"].AsString is { Length: > 0 } version ? version : null,
            CompletedAt = new DateTimeOffset(chosen["CompletedAt"].ToUniversalTime(), TimeSpan.Zero),
            ReviewedLabel = review is null ? null : Text(review, "ReviewedLabel"),
            ReviewedBy = review is null ? null : Text(review, "Reviewer"),
            ReviewedAt = review is null ? null : new DateTimeOffset(review["ReviewedAt"].ToUniversalTime(), TimeSpan.Zero),
        };
    }

    private static string? Text(BsonDocument d, string name) => d.GetValue(name, BsonNull.Value) is { IsBsonNull: false } v ? v.AsString : null;

    public async ValueTask DisposeAsync() => await rows.Database.DropCollectionAsync(rows.CollectionNamespace.CollectionName);
}
