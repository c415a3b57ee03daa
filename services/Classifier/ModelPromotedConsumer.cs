using MassTransit;
using Microsoft.Extensions.Logging;
using Returns.Contracts;
using Returns.Models;

namespace Returns.Classifier;

/// <summary>Loads the promoted version beside the served one and swaps it in between two batches. A version that cannot
/// be loaded is refused: the worker keeps serving what it serves and says why (log and readiness).</summary>
public sealed partial class ModelPromotedConsumer(ServedModel served, ModelLoader loader, ILogger<ModelPromotedConsumer> logger)
    : IConsumer<ModelPromoted>
{
    public Task Consume(ConsumeContext<ModelPromoted> context)
    {
        var promoted = context.Message;
        var serving = served.Identity;
        if (serving.Version == promoted.Version && serving.Sha256 == promoted.Sha256)
            return Task.CompletedTask;
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
        return Task.CompletedTask;
    }

    [LoggerMessage(LogLevel.Information, "Model swapped from {From} to {To} ({Action}); loaded in {Milliseconds:F0} ms")]
    private partial void LogSwapped(string from, string to, string action, double milliseconds);

    [LoggerMessage(LogLevel.Error, "Model {Version} refused, still serving {Serving}: {Reason}")]
    private partial void LogRefused(string version, string serving, string reason);
}
