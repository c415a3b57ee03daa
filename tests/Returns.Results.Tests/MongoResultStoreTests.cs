using Microsoft.Extensions.Options;
using Returns.Results.Storage;
using Returns.Testing;

namespace Returns.Results.Tests;

/// <summary>The same contract on a real MongoDB (<see cref="MongoFixture"/>): skipped, with the reason, without one.</summary>
public sealed class MongoResultStoreTests : ResultStoreContract, IDisposable
{
    private readonly MongoFixture mongo = new();
    private IResultStore? store;

    protected override IResultStore Store => store ??= new MongoResultStore(Options.Create(new ResultsOptions { MongoConnectionString = mongo.ConnectionStringOrSkip("MongoDB contract suite"), MongoDatabase = mongo.Database }));

    public void Dispose() => mongo.Dispose();
}
