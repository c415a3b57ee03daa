using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Returns.ServiceDefaults;

/// <summary>
/// Unready while a receive endpoint is down, and for <see cref="Window"/> after it last went down. MassTransit's bus
/// check only sees an endpoint's state at the moment it is asked: an endpoint whose channel the broker closes on every
/// delivery (a fault it may not publish, a queue it may not use) restarts within a second each time, and so looked
/// healthy all the while its queue stood still.
/// </summary>
public sealed partial class ReceiveEndpointHealth(TimeProvider clock, ILogger<ReceiveEndpointHealth> logger) : IReceiveEndpointObserver, IHealthCheck
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<Uri, Fault> faults = new();

    private sealed record Fault(DateTimeOffset At, string Reason, bool Down);

    public Task Ready(ReceiveEndpointReady ready)
    {
        faults.AddOrUpdate(ready.InputAddress, _ => new Fault(DateTimeOffset.MinValue, "", false), (_, f) => f with { Down = false });
        return Task.CompletedTask;
    }

    public Task Faulted(ReceiveEndpointFaulted faulted)
    {
        var reason = faulted.Exception?.GetBaseException().Message ?? "faulted";
        faults[faulted.InputAddress] = new Fault(clock.GetUtcNow(), reason, true);
        LogFaulted(faulted.InputAddress.AbsolutePath, reason);
        return Task.CompletedTask;
    }

    public Task Stopping(ReceiveEndpointStopping stopping) => Task.CompletedTask;

    public Task Completed(ReceiveEndpointCompleted completed) => Task.CompletedTask;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var failing = faults.Where(f => f.Value.Down || now - f.Value.At < Window)
            .Select(f => $"{f.Key.AbsolutePath.TrimStart('/')}: {(f.Value.Down ? "down" : "went down")} ({f.Value.Reason})")
            .ToArray();
        return Task.FromResult(failing.Length == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"receive endpoints down or restarting within {Window.TotalSeconds:F0} s: {string.Join("; ", failing)}"));
    }

    [LoggerMessage(LogLevel.Warning, "Receive endpoint {Endpoint} went down: {Reason}")]
    private partial void LogFaulted(string endpoint, string reason);
}
