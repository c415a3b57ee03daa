using Microsoft.Extensions.Hosting;

namespace Returns.Classifier;

/// <summary>Loads the production model, and the shadow's if the registry names one, when the worker starts, before the
/// bus delivers anything: what a worker starts with is the registry's at start-up, never whatever it names when the
/// first message happens to arrive.</summary>
public sealed class ModelWarmup(ServedModels served) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = served.Production.Identity;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
