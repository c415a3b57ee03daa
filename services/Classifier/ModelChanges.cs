using Microsoft.Extensions.Logging;
using Returns.Contracts;
using Returns.Models;
using Returns.ServiceDefaults;

namespace Returns.Classifier;

/// <summary>Loads the version a registry change names beside the served one and swaps it into its slot between two
/// batches: production for a promotion or rollback, the shadow's for a shadow change. A version that cannot be loaded
/// is refused: the slot keeps what it holds and the worker says why (log and readiness).</summary>
public sealed partial class ModelChanges(ServedModels served, ModelLoader loader, ILogger<ModelChanges> logger)
{
    public void Apply(ModelRegistryChanged change)
    {
        switch (change.Action)
        {
            case ModelRegistryAction.Promote or ModelRegistryAction.Rollback:
                SwapProduction(change);
                break;
            case ModelRegistryAction.Shadow:
                StartShadow(change);
                break;
            case ModelRegistryAction.EndShadow:
                if (served.Shadow.Empty(change.At))
                    LogShadowEnded(change.Version);
                break;
            default:
                throw new InvalidMessageException($"the action {change.Action} is not a registry action");
        }
    }

    private void SwapProduction(ModelRegistryChanged change)
    {
        var serving = served.Production.Identity!;
        if (serving.Version == change.Version && serving.Sha256 == change.Sha256)
            return;
        try
        {
            var started = TimeProvider.System.GetTimestamp();
            var next = loader.Load(change.Version, change.Sha256);
            if (served.Production.Swap(next, change.At))
                LogSwapped(serving.Version, change.Version, change.Action, TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (ModelUnavailableException e)
        {
            served.Production.Refuse(new RefusedModel(change.Version, e.Reason, change.At));
            LogRefused(change.Version, serving.Version, e.Reason);
        }
    }

    private void StartShadow(ModelRegistryChanged change)
    {
        if (!loader.ServesShadow || served.Shadow.Identity?.Version == change.Version)
            return;
        try
        {
            if (served.Shadow.Swap(loader.Load(change.Version, change.Sha256, thumbnails: false), change.At))
                LogShadowStarted(change.Version);
        }
        catch (ModelUnavailableException e)
        {
            served.Shadow.Refuse(new RefusedModel(change.Version, e.Reason, change.At));
            LogShadowRefused(change.Version, e.Reason);
        }
    }

    [LoggerMessage(LogLevel.Information, "Model swapped from {From} to {To} ({Action}); loaded in {Milliseconds:F0} ms")]
    private partial void LogSwapped(string from, string to, ModelRegistryAction action, double milliseconds);

    [LoggerMessage(LogLevel.Error, "Model {Version} refused, still serving {Serving}: {Reason}")]
    private partial void LogRefused(string version, string serving, string reason);

    [LoggerMessage(LogLevel.Information, "Shadow started: {Version} classifies a copy of live traffic")]
    private partial void LogShadowStarted(string version);

    [LoggerMessage(LogLevel.Information, "Shadow ended: {Version} no longer runs")]
    private partial void LogShadowEnded(string version);

    [LoggerMessage(LogLevel.Error, "Shadow model {Version} refused, production unaffected: {Reason}")]
    private partial void LogShadowRefused(string version, string reason);
}
