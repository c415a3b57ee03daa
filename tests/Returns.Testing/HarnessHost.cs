using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Returns.Testing;

/// <summary>A service's module on MassTransit's test harness: a host built from in-memory settings and the module, its
/// harness started, and both stopped and disposed together.</summary>
public sealed class HarnessHost : IAsyncDisposable
{
    private readonly IHost host;

    private HarnessHost(IHost host)
    {
        this.host = host;
        Harness = host.Services.GetTestHarness();
    }

    public ITestHarness Harness { get; }

    public IServiceProvider Services => host.Services;

    /// <param name="module">adds the module under test (<c>AddIngest</c>, <c>AddClassifier</c>, …).</param>
    /// <param name="consumers">registers the module's consumers on the harness's bus, if it has any.</param>
    public static async Task<HarnessHost> StartAsync(Dictionary<string, string?> settings, Action<HostApplicationBuilder> module,
        Action<IBusRegistrationConfigurator, HostApplicationBuilder>? consumers = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        module(builder);
        builder.Services.AddMassTransitTestHarness(bus => consumers?.Invoke(bus, builder));
        var started = new HarnessHost(builder.Build());
        await started.Harness.Start();
        return started;
    }

    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        host.Dispose();
    }
}
