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
            var served = (ServedModels)services.GetService(typeof(ServedModels))!;
            var model = served.Production.Identity!;
            var inShadow = served.Shadow.Refused is { } refusedShadow ? $"; cannot run {refusedShadow.Version} in shadow: {refusedShadow.Reason}"
                : served.Shadow.Identity is { } shadow ? $"; {shadow.Version} in shadow" : "";
            return Task.FromResult(served.Production.Refused is { } refused
                ? HealthCheckResult.Degraded($"serving {model.Name} {model.Version}; cannot serve {refused.Version}: {refused.Reason}{inShadow}")
                : HealthCheckResult.Healthy($"{model.Name} {model.Version} loaded{inShadow}"));
        }
        catch (Exception e)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("the model could not be loaded", e));
        }
    }
}
