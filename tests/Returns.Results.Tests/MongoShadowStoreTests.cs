using Microsoft.Extensions.Options;
using Returns.Results.Shadow;
using Returns.Testing;

namespace Returns.Results.Tests;

/// <summary>The same contract on a real MongoDB (<see cref="MongoFixture"/>): skipped, with the reason, without one.</summary>
public sealed class MongoShadowStoreTests : ShadowStoreContract, IDisposable
{
    private readonly MongoFixture mongo = new();
    private IShadowStore? store;

    protected override IShadowStore Store => store ??= new MongoShadowStore(Options.Create(new ResultsOptions { MongoConnectionString = mongo.ConnectionStringOrSkip("MongoDB shadow store suite"), MongoDatabase = mongo.Database }));

    public void Dispose() => mongo.Dispose();
}
