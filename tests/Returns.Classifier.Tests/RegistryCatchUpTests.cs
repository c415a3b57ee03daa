using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Returns.Models;
using Returns.Testing;

namespace Returns.Classifier.Tests;

/// <summary>A registry change that lands after a worker read the registry at start-up, but before its promotion queue
/// listens, is caught up once the bus is up: the worker never keeps serving a version nobody told it to leave.</summary>
public sealed class RegistryCatchUpTests : IAsyncDisposable
{
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("returns-catch-up-");
    private IHost? host;

    [Fact]
    public async Task Changes_made_between_start_up_and_a_listening_bus_are_applied_without_any_message()
    {
        var models = ModelsCopy.Create(Path.Combine(work.FullName, "models"));
        host = Build(models);
        var served = host.Services.GetRequiredService<ServedModels>();
        Assert.Equal(ModelsCopy.Production, served.Production.Identity?.Version); // read at start-up

        var registry = host.Services.GetRequiredService<ModelsFolder>().Registry;
        registry.Promote(ModelsCopy.Previous, "test", "promoted while the worker was starting", DateTimeOffset.UtcNow);
        registry.SetShadow(ModelsCopy.Production, "test", "shadowed while the worker was starting", DateTimeOffset.UtcNow);
        await host.StartAsync(TestContext.Current.CancellationToken);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (served.Production.Identity?.Version != ModelsCopy.Previous || served.Shadow.Identity?.Version != ModelsCopy.Production)
            await Task.Delay(50, timeout.Token);
        Assert.Null(served.Production.Refused);
    }

    [Fact]
    public async Task A_shadow_version_that_cannot_be_loaded_is_refused_and_the_worker_goes_on_serving()
    {
        var models = ModelsCopy.Create(Path.Combine(work.FullName, "models"));
        new ModelsFolder(models).Registry.SetShadow(ModelsCopy.Previous, "test", "try it", DateTimeOffset.UtcNow);
        File.WriteAllBytes(Path.Combine(models, ModelsCopy.Previous, "model.onnx"), [1, 2, 3]); // no longer the file its card describes
        host = Build(models);

        await host.StartAsync(TestContext.Current.CancellationToken);
        var catchUp = host.Services.GetServices<IHostedService>().OfType<RegistryCatchUp>().Single();
        await catchUp.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        var served = host.Services.GetRequiredService<ServedModels>();
        Assert.Equal(ModelsCopy.Previous, served.Shadow.Refused?.Version);
        Assert.Null(served.Shadow.Identity);
        Assert.Equal(ModelsCopy.Production, served.Production.Identity?.Version);
        Assert.False(host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
    }

    private IHost Build(string models)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Messaging:Transport"] = "InMemory",
            ["Messaging:ClaimCheckPath"] = Path.Combine(work.FullName, "claim-check"),
            ["Models:Path"] = models,
            ["Classifier:IntraOpThreads"] = "1",
        });
        builder.AddClassifier();
        builder.Services.AddMassTransit(bus => bus.UsingInMemory());
        return builder.Build();
    }

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.StopAsync(CancellationToken.None);
            host.Dispose();
        }
        work.Delete(recursive: true);
    }
}
