using Microsoft.Extensions.Options;
using MongoDB.Driver;
using Returns.Results.Shadow;

namespace Returns.Results.Tests;

/// <summary>The shadow store contract on a real MongoDB when RETURNS_TEST_MONGO holds a connection string; skipped, and
/// reported as skipped with the reason, otherwise.</summary>
public sealed class MongoShadowStoreTests : ShadowStoreContract, IDisposable
{
    private static readonly string? ConnectionString = Environment.GetEnvironmentVariable("RETURNS_TEST_MONGO");
    private readonly string database = $"returns-test-{Guid.NewGuid():N}";
    private readonly IShadowStore? store;

    public MongoShadowStoreTests()
    {
        if (!string.IsNullOrEmpty(ConnectionString))
            store = new MongoShadowStore(Options.Create(new ResultsOptions { MongoConnectionString = ConnectionString, MongoDatabase = database }));
    }

    protected override IShadowStore Store
    {
        get
        {
            if (store is null)
                Assert.Skip("MongoDB shadow store suite NOT run: set RETURNS_TEST_MONGO to a MongoDB 7/8 connection string");
            return store;
        }
    }

    public void Dispose()
    {
        if (store is not null)
            new MongoClient(ConnectionString).DropDatabase(database);
    }
}
