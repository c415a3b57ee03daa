using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using MongoDB.Driver;
using Returns.Results;
using Returns.Staff.Users;

namespace Returns.Staff.Tests;

public sealed class SqliteStaffUserStoreTests : StaffUserStoreContract, IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("returns-users-");

    public SqliteStaffUserStoreTests() =>
        Store = new SqliteStaffUserStore(Options.Create(new ResultsOptions { SqlitePath = Path.Combine(folder.FullName, "results.db") }));

    protected override IStaffUserStore Store { get; }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        folder.Delete(recursive: true);
    }
}

/// <summary>The same contract on a real MongoDB when RETURNS_TEST_MONGO holds a connection string; otherwise every test
/// is reported as skipped, with the reason, never as passed.</summary>
public sealed class MongoStaffUserStoreTests : StaffUserStoreContract, IDisposable
{
    private static readonly string? ConnectionString = Environment.GetEnvironmentVariable("RETURNS_TEST_MONGO");
    private readonly string database = $"returns-test-{Guid.NewGuid():N}";
    private readonly IStaffUserStore? store;

    public MongoStaffUserStoreTests()
    {
        if (!string.IsNullOrEmpty(ConnectionString))
            store = new MongoStaffUserStore(Options.Create(new ResultsOptions { MongoConnectionString = ConnectionString, MongoDatabase = database }));
    }

    protected override IStaffUserStore Store
    {
        get
        {
            if (store is null)
                Assert.Skip("MongoDB user-store suite NOT run: set RETURNS_TEST_MONGO to a MongoDB 7/8 connection string");
            return store;
        }
    }

    public void Dispose()
    {
        if (store is not null)
            new MongoClient(ConnectionString).DropDatabase(database);
    }
}
