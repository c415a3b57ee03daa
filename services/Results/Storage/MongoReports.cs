using MongoDB.Bson;
using MongoDB.Driver;

namespace Returns.Results.Storage;

/// <summary>The reports' queries (see <see cref="IReportStore"/>) as aggregation pipelines, run where the outcomes are.</summary>
public sealed partial class MongoResultStore : IReportStore
{
    public async Task<IReadOnlyList<VersionTally>> TallyVersionsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        var tallies = await outcomes.Aggregate(new AggregateOptions { AllowDiskUse = true })
            .Match(InPeriod(from, to) & Builders<OutcomeDocument>.Filter.Ne(o => o.ModelVersion, ""))
            .Sort(new BsonDocument("CompletedAt", -1))
            .Group(new BsonDocument
            {
                { "_id", "$ModelVersion" }, { "outcomes", new BsonDocument("$sum", 1) }, { "latest", new BsonDocument("$first", "$CompletedAt") },
                { "name", new BsonDocument("$first", "$ModelName") }, { "sha", new BsonDocument("$first", "$ModelSha256") },
            })
            .ToListAsync(cancellationToken);
        return tallies.Select(t => new VersionTally(t["_id"].AsString, Text(t["name"]), Text(t["sha"]), t["outcomes"].ToInt32(),
            new DateTimeOffset(t["latest"].ToUniversalTime(), TimeSpan.Zero))).ToArray();
    }

    public async Task<IReportRows> OpenReportRowsAsync(ReportScope scope, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        return await MongoReportRows.OpenAsync(outcomes, scope, ReviewsCollection, cancellationToken);
    }

    public async Task<IReadOnlyList<RunTally>> TallyRunsAsync(RunTallyQuery query, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        var threshold = new BsonDocument("$switch", new BsonDocument
        {
            { "branches", new BsonArray(query.Thresholds.Select(t => new BsonDocument
                { { "case", new BsonDocument("$eq", new BsonArray { "$ModelVersion", t.Key }) }, { "then", t.Value } })) },
            { "default", query.DefaultThreshold },
        });
        var needsPerson = new BsonDocument("$or", new BsonArray
        {
            new BsonDocument("$eq", new BsonArray { "$Status", OutcomeStatus.NeedsRetake }),
            new BsonDocument("$and", new BsonArray
            {
                new BsonDocument("$eq", new BsonArray { "$Status", OutcomeStatus.Classified }),
                new BsonDocument("$ne", new BsonArray { "$Confidence", BsonNull.Value }),
                new BsonDocument("$lt", new BsonArray { "$Confidence", threshold }),
            }),
        });
        var reviewed = new BsonDocument("$gt", new BsonArray { new BsonDocument("$size", "$review"), 0 });
        // Whole runs, as SQLite's tally counts them: every outcome of each run with an outcome since From.
        var recent = await outcomes.Distinct(o => o.RunId, Builders<OutcomeDocument>.Filter.Gte(o => o.CompletedAt, query.From.UtcDateTime))
            .ToListAsync(cancellationToken);
        var runs = await outcomes.Aggregate(new AggregateOptions { AllowDiskUse = true })
            .Match(Builders<OutcomeDocument>.Filter.In(o => o.RunId, recent))
            .AppendStage<BsonDocument>(new BsonDocument("$lookup", new BsonDocument
            {
                { "from", ReviewsCollection }, { "localField", "ImageId" }, { "foreignField", "ImageId" },
                { "pipeline", new BsonArray { new BsonDocument("$limit", 1), new BsonDocument("$project", new BsonDocument("_id", 1)) } },
                { "as", "review" },
            }))
            .Group(new BsonDocument
            {
                { "_id", new BsonDocument("$ifNull", new BsonArray { "$RunId", "(no run)" }) },
                { "last", new BsonDocument("$max", "$CompletedAt") }, { "images", new BsonDocument("$addToSet", "$ImageId") },
                { "classified", Count(new BsonDocument("$eq", new BsonArray { "$Status", OutcomeStatus.Classified })) },
                { "retakes", Count(new BsonDocument("$eq", new BsonArray { "$Status", OutcomeStatus.NeedsRetake })) },
                { "rejected", Count(new BsonDocument("$eq", new BsonArray { "$Status", OutcomeStatus.Rejected })) },
                { "needPerson", Count(new BsonDocument("$and", new BsonArray { needsPerson, new BsonDocument("$not", new BsonArray { reviewed }) })) },
                { "reviewed", Count(reviewed) },
            })
            .Sort(new BsonDocument("last", -1))
            .Limit(query.Limit)
            .ToListAsync(cancellationToken);
        return runs.Select(r => new RunTally(r["_id"].AsString, new DateTimeOffset(r["last"].ToUniversalTime(), TimeSpan.Zero), r["images"].AsBsonArray.Count,
            r["classified"].ToInt32(), r["retakes"].ToInt32(), r["rejected"].ToInt32(), r["needPerson"].ToInt32(), r["reviewed"].ToInt32())).ToArray();
    }

    private static BsonDocument Count(BsonDocument condition) => new("$sum", new BsonDocument("$cond", new BsonArray { condition, 1, 0 }));

    private static FilterDefinition<OutcomeDocument> InPeriod(DateTimeOffset from, DateTimeOffset to) =>
        Builders<OutcomeDocument>.Filter.Gte(o => o.CompletedAt, from.UtcDateTime) & Builders<OutcomeDocument>.Filter.Lt(o => o.CompletedAt, to.UtcDateTime);

    private static string Text(BsonValue value) => value.IsBsonNull ? "" : value.AsString;
}
