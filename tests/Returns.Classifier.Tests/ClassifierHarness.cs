using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Returns.Contracts;
using Returns.Models;
using Returns.Images.ClaimCheck;
using Returns.Testing;

namespace Returns.Classifier.Tests;

/// <summary>The classifier module on MassTransit's test harness, over a private copy of the models folder (so a test may
/// change its registry) and a real claim-check folder.</summary>
public sealed class ClassifierHarness : IAsyncDisposable
{
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("returns-classifier-harness-");
    private readonly IHost host;

    /// <param name="registry">changes the registry copy before the worker starts (what it reads at start-up).</param>
    public ClassifierHarness(Action<ModelRegistry>? registry = null, int batchSize = 4)
    {
        var models = ModelsCopy.Create(Path.Combine(work.FullName, "models"));
        registry?.Invoke(new ModelsFolder(models).Registry);
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Messaging:Transport"] = "InMemory",
            ["Messaging:ClaimCheckPath"] = Path.Combine(work.FullName, "claim-check"),
            ["Models:Path"] = models,
            ["Classifier:BatchSize"] = batchSize.ToString(),
            ["Classifier:BatchTimeLimitMs"] = "1000",
            ["Classifier:IntraOpThreads"] = "1",
        });
        builder.AddClassifier();
        builder.Services.AddMassTransitTestHarness(bus => bus.AddClassifierConsumers(builder));
        host = builder.Build();
        Harness = host.Services.GetTestHarness();
    }

    public ITestHarness Harness { get; }
    public ServedModels Served => host.Services.GetRequiredService<ServedModels>();
    public ModelsFolder Models => host.Services.GetRequiredService<ModelsFolder>();
    private ClaimCheckStore Store => host.Services.GetRequiredService<ClaimCheckStore>();

    public Task StartAsync() => Harness.Start();

    /// <summary>A change as the registry would announce it, with the version's true hash, ordered now.</summary>
    public ModelRegistryChanged Change(ModelRegistryAction action, string version) => new()
    {
        Action = action, Version = version, Sha256 = Models.FindCard(version)!.Sha256, By = "tests", At = DateTimeOffset.UtcNow,
    };

    /// <summary>A sample photo in the claim check, announced as ingest would.</summary>
    public async Task<ImageReceived> ReceivedAsync(int photo)
    {
        await using var bytes = File.OpenRead(RepoPaths.SamplePhoto(photo));
        await using var staged = await Store.StageAsync(bytes, long.MaxValue, TestContext.Current.CancellationToken);
        var commit = Store.Commit(staged);
        return new ImageReceived
        {
            ImageId = staged.Id, SourceName = $"photo-{photo}.jpg", ContentType = "image/jpeg", ByteSize = staged.Length, Width = 100,
            Height = 100, ReceivedAt = DateTimeOffset.UtcNow, Image = commit.Reference,
        };
    }

    /// <summary>Waits, at most a minute, until <paramref name="done"/> holds.</summary>
    public static async Task UntilAsync(Func<bool> done, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!done())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"waited a minute for {what}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        host.Dispose();
        work.Delete(recursive: true);
    }
}
