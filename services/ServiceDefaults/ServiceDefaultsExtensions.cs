using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Returns.ServiceDefaults.Http;

namespace Returns.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    /// <summary>What every Returns service has: telemetry and health checks (MassTransit adds the bus to readiness).</summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.AddReturnsTelemetry();
        builder.Services.AddHealthChecks();
        return builder;
    }

    /// <summary>Binds a configuration section to options that are validated when the host starts, not on first use.</summary>
    public static IHostApplicationBuilder AddValidatedOptions<TOptions>(this IHostApplicationBuilder builder, string section)
        where TOptions : class
    {
        builder.Services.AddOptions<TOptions>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
        return builder;
    }

    /// <summary>/health/live answers while the process runs; /health/ready once the bus and stores are usable; /metrics is the
    /// Prometheus scrape endpoint, for a caller with the metrics scope (Prometheus sends its key as a bearer token).</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous().DisableRateLimiting();
        // Degraded is not ready: a load balancer reads the status code, not the body.
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
            {
                Predicate = check => check.Tags.Contains("ready"),
                ResultStatusCodes =
                {
                    [HealthStatus.Healthy] = StatusCodes.Status200OK,
                    [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                    [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
                },
            })
            .AllowAnonymous().DisableRateLimiting();
        if (TelemetryExtensions.PrometheusEnabled(app.Configuration))
            app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(Scopes.Metrics).DisableRateLimiting();
        return app;
    }
}
