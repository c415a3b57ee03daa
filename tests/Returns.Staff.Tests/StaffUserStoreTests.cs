using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Returns.Results;
using Returns.Staff.Users;
using Returns.Testing;

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

/// <summary>The same contract on a real MongoDB (<see cref="MongoFixture"/>): skipped, with the reason, without one.</summary>
public sealed class MongoStaffUserStoreTests : StaffUserStoreContract, IDisposable
{
    private readonly MongoFixture mongo = new();
    private IStaffUserStore? store;

    protected override IStaffUserStore Store => store ??= new MongoStaffUserStore(Options.Create(new ResultsOptions { MongoConnectionString = mongo.ConnectionStringOrSkip("MongoDB user-store suite"), MongoDatabase = mongo.Database }));

    public void Dispose() => mongo.Dispose();
}
