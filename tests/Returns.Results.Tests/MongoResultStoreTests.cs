using Microsoft.Extensions.Options;
using MongoDB.Driver;
using Returns.Results.Storage;

namespace Returns.Results.Tests;

/// <summary>
/// The same store contract on a real MongoDB (7 or 8), when RETURNS_TEST_MONGO holds a connection string.
/// No MongoDB server can be installed on the build machines, so without it every test here is reported as
/// skipped, with the reason, and never as passed.
/// </summary>
public sealed class MongoResultStoreTests : ResultStoreContract, IDisposable
{
    private static readonly string? ConnectionString = Environment.GetEnvironmentVariable("RETURNS_TEST_MONGO");
    private readonly string database = $"returns-test-{Guid.NewGuid():N}";
    private readonly IResultStore? store;

    public MongoResultStoreTests()
    {
        if (string.IsNullOrEmpty(ConnectionString))
            return;
        store = new MongoResultStore(Options.Create(new ResultsOptions { MongoConnectionString = ConnectionString, MongoDatabase = database }));
    }

    protected override IResultStore Store
    {
        get
        {
            if (store is null)
                Assert.Skip("MongoDB contract suite NOT run: set RETURNS_TEST_MONGO to a MongoDB 7/8 connection string");
            return store;
        }
    }

    public void Dispose()
    {
        if (store is not null)
            new MongoClient(ConnectionString).DropDatabase(database);
    }
}
