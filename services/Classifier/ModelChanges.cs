using Microsoft.Extensions.Logging;
using Returns.Contracts;
using Returns.Models;

namespace Returns.Classifier;

/// <summary>Loads the promoted version beside the served one and swaps it in between two batches; a shadow change does
/// the same to the shadow slot. A version that cannot be loaded is refused: the worker keeps serving what it serves
/// and says why (log and readiness).</summary>
public sealed partial class ModelChanges(ServedModel served, ShadowModel shadow, ModelLoader loader, ILogger<ModelChanges> logger)
{
    public void Apply(ModelPromoted change)
    {
        switch (change.Action)
        {
            case RegistryActions.Shadow:
                StartShadow(change);
                break;
            case RegistryActions.EndShadow:
                if (shadow.End(change.At))
                    LogShadowEnded(change.Version);
                break;
            default:
                SwapProduction(change);
                break;
        }
    }

    private void SwapProduction(ModelPromoted promoted)
    {
        var serving = served.Identity;
        if (serving.Version == promoted.Version && serving.Sha256 == promoted.Sha256)
            return;
        try
        {
            var started = TimeProvider.System.GetTimestamp();
            var next = loader.Load(promoted.Version, promoted.Sha256);
            if (served.Swap(next, promoted.At))
                LogSwapped(serving.Version, promoted.Version, promoted.Action, TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (ModelUnavailableException e)
        {
            served.Refuse(new RefusedModel(promoted.Version, e.Reason, promoted.At));
            LogRefused(promoted.Version, serving.Version, e.Reason);
        }
    }

    private void StartShadow(ModelPromoted change)
    {
        if (!loader.ServesShadow || shadow.Version == change.Version)
            return;
        try
        {
            if (shadow.Start(loader.Load(change.Version, change.Sha256, thumbnails: false), change.At))
                LogShadowStarted(change.Version);
        }
        catch (ModelUnavailableException e)
        {
            shadow.Refuse(new RefusedModel(change.Version, e.Reason, change.At));
            LogShadowRefused(change.Version, e.Reason);
        }
    }

    [LoggerMessage(LogLevel.Information, "Model swapped from {From} to {To} ({Action}); loaded in {Milliseconds:F0} ms")]
    private partial void LogSwapped(string from, string to, string action, double milliseconds);

    [LoggerMessage(LogLevel.Error, "Model {Version} refused, still serving {Serving}: {Reason}")]
    private partial void LogRefused(string version, string serving, string reason);

    [LoggerMessage(LogLevel.Information, "Shadow started: {Version} classifies a copy of live traffic")]
    private partial void LogShadowStarted(string version);

    [LoggerMessage(LogLevel.Information, "Shadow ended: {Version} no longer runs")]
    private partial void LogShadowEnded(string version);

    [LoggerMessage(LogLevel.Error, "Shadow model {Version} refused, production unaffected: {Reason}")]
    private partial void LogShadowRefused(string version, string reason);
}
