using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Returns.Classifier;

/// <summary>Ready while the worker serves the version it was last told to. A version it refused (missing file, SHA
/// mismatch, wrong input shape) makes it unready, with the reason, while it goes on serving the version it has.</summary>
public sealed class ModelHealthCheck(IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var served = (ServedModel)services.GetService(typeof(ServedModel))!;
            var model = served.Identity;
            return Task.FromResult(served.Refused is { } refused
                ? HealthCheckResult.Degraded($"serving {model.Name} {model.Version}; cannot serve {refused.Version}: {refused.Reason}")
                : HealthCheckResult.Healthy($"{model.Name} {model.Version} loaded"));
        }
        catch (Exception e)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("the model could not be loaded", e));
        }
    }
}
