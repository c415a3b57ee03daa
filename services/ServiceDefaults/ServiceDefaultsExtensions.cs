using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
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

    /// <summary>Binds a configuration section to options that are validated when the host starts, not on first use
    /// (once per host, however many modules ask), and returns its values bound the same way, for the choices a
    /// registration makes (which store, which transport, which queues).</summary>
    public static TOptions AddValidatedOptions<TOptions>(this IHostApplicationBuilder builder, string section)
        where TOptions : class, new()
    {
        if (!builder.Services.Any(d => d.ServiceType == typeof(ValidatedSection<TOptions>)))
        {
            builder.Services.AddSingleton(new ValidatedSection<TOptions>());
            builder.Services.AddOptions<TOptions>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
        }
        return builder.Configuration.GetSection(section).Get<TOptions>() ?? new TOptions();
    }

    /// <summary>Marks a section as registered by <see cref="AddValidatedOptions{TOptions}"/>.</summary>
    private sealed class ValidatedSection<TOptions>;

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
