using MassTransit;
using Microsoft.Extensions.Hosting;
using Returns.Contracts;
using Returns.Models;

namespace Returns.Classifier;

/// <summary>Reads the registry again once the bus listens. A change made after start-up read it, but before this
/// worker's registry queue was bound, reached no one here; without this the worker would serve the old version
/// until the next change.</summary>
public sealed class RegistryCatchUp(IBusControl bus, ModelsFolder models, ModelChanges changes) : BackgroundService
{
    private static readonly TimeSpan BusStart = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (await bus.WaitForHealthStatus(BusHealthStatus.Healthy, BusStart) != BusHealthStatus.Healthy || stoppingToken.IsCancellationRequested)
            return;
        var state = models.Registry.Read();
        changes.Apply(Change(ModelRegistryAction.Promote, state.Production, Last(state, RegistryActions.Promote, RegistryActions.Rollback)));
        changes.Apply(state.Shadow is { } shadow
            ? Change(ModelRegistryAction.Shadow, shadow, Last(state, RegistryActions.Shadow))
            : Change(ModelRegistryAction.EndShadow, "", Last(state, RegistryActions.EndShadow)));
    }

    private static DateTimeOffset Last(RegistryState state, params string[] actions) =>
        state.History.LastOrDefault(e => actions.Contains(e.Action))?.At ?? DateTimeOffset.MinValue;

    /// <summary>The card's hash, not the file's: loading checks the file against it, and a version that cannot be
    /// loaded is refused there with its reason instead of failing this service (and with it the worker).</summary>
    private ModelRegistryChanged Change(ModelRegistryAction action, string version, DateTimeOffset at) => new()
    {
        Action = action, Version = version, Sha256 = models.FindCard(version)?.Sha256 ?? "",
        By = "registry catch-up", At = at,
    };
}
