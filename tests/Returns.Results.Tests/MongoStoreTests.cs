using Microsoft.Extensions.Options;
using Returns.Results.Shadow;
using Returns.Results.Storage;
using Returns.Testing;

namespace Returns.Results.Tests;

/// <summary>The store contracts on a real MongoDB (<see cref="MongoFixture"/>): skipped, with the reason, without one.</summary>
public sealed class MongoResultStoreTests : ResultStoreContract, IDisposable
{
    private readonly MongoFixture mongo = new();
    private IResultStore? store;

    protected override IResultStore Store => store ??= new MongoResultStore(Options.Create(new ResultsOptions { MongoConnectionString = mongo.ConnectionStringOrSkip("MongoDB contract suite"), MongoDatabase = mongo.Database }));

    public void Dispose() => mongo.Dispose();
}

public sealed class MongoShadowStoreTests : ShadowStoreContract, IDisposable
{
    private readonly MongoFixture mongo = new();
    private IShadowStore? store;

    protected override IShadowStore Store => store ??= new MongoShadowStore(Options.Create(new ResultsOptions { MongoConnectionString = mongo.ConnectionStringOrSkip("MongoDB shadow store suite"), MongoDatabase = mongo.Database }));

    public void Dispose() => mongo.Dispose();
}
