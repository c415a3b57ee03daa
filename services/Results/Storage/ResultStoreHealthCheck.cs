using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Returns.Results.Storage;

/// <summary>Ready when the results store answers (schema or indexes in place).</summary>
public sealed class ResultStoreHealthCheck(IResultStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.InitializeAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("the results store does not answer", e);
        }
    }
}
