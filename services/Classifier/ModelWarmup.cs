using Microsoft.Extensions.Hosting;

namespace Returns.Classifier;

/// <summary>Loads the production model when the worker starts, before the bus delivers anything: the version a worker
/// starts with is the registry's at start-up, never whatever it names when the first message happens to arrive.</summary>
public sealed class ModelWarmup(ServedModel served) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = served.Identity;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
