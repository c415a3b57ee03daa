using MongoDB.Driver;
using Xunit;

namespace Returns.Testing;

/// <summary>
/// A private database, dropped afterwards, on the MongoDB that RETURNS_TEST_MONGO names. No MongoDB server can be
/// installed on the build machines: without the variable, a test that asks for the database is reported as skipped,
/// with the reason, and never as passed.
/// </summary>
public sealed class MongoFixture : IDisposable
{
    public const string Variable = "RETURNS_TEST_MONGO";

    private static readonly string? Configured = Environment.GetEnvironmentVariable(Variable);
    private bool used;

    public string Database { get; } = $"returns-test-{Guid.NewGuid():N}";

    /// <summary>The connection string; without one, skips the calling test, naming <paramref name="suite"/>.</summary>
    public string ConnectionStringOrSkip(string suite)
    {
        if (string.IsNullOrEmpty(Configured))
            Assert.Skip($"{suite} NOT run: set {Variable} to a MongoDB 7/8 connection string");
        used = true;
        return Configured;
    }

    public void Dispose()
    {
        if (used)
            new MongoClient(Configured).DropDatabase(Database);
    }
}
