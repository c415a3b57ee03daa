using Microsoft.Extensions.Options;
using Returns.Results.Shadow;

namespace Returns.Results.Tests;

/// <summary>The shadow store contract on a real SQLite file, a new file per test.</summary>
public sealed class SqliteShadowStoreTests : ShadowStoreContract, IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("returns-shadow-");

    public SqliteShadowStoreTests() =>
        Store = new SqliteShadowStore(Options.Create(new ResultsOptions { SqlitePath = Path.Combine(folder.FullName, "results.db") }));

    protected override IShadowStore Store { get; }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        folder.Delete(recursive: true);
    }
}
