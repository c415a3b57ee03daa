using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Returns.Telemetry;

namespace Returns.ServiceDefaults;

public static class TelemetryExtensions
{
    /// <summary>
    /// Traces (ASP.NET Core, MassTransit, Returns spans), metrics (the same, plus .NET runtime) and logs for every service.
    /// OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set; Telemetry:Console=true writes them to the console, no backend needed;
    /// metrics are also served for Prometheus to scrape at /metrics (Telemetry:Prometheus, on by default). A log line
    /// written inside a span carries its trace and span ids, so a trace leads to its log lines.
    /// </summary>
    public static IHostApplicationBuilder AddReturnsTelemetry(this IHostApplicationBuilder builder)
    {
        var otlp = !string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var console = builder.Configuration.GetValue<bool>("Telemetry:Console");
        var prometheus = PrometheusEnabled(builder.Configuration);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName));
        // Spans only when something receives them: otherwise MassTransit records several per message just to drop them.
        if (otlp || console)
            telemetry.WithTracing(tracing =>
            {
                tracing.AddSource(ReturnsTelemetry.Name, "MassTransit").AddAspNetCoreInstrumentation();
                if (otlp)
                    tracing.AddOtlpExporter();
                if (console)
                    tracing.AddConsoleExporter();
            });
        if (otlp || console)
            telemetry.WithLogging(logging =>
            {
                if (otlp)
                    logging.AddOtlpExporter();
                if (console)
                    logging.AddConsoleExporter();
            }, options => (options.IncludeFormattedMessage, options.IncludeScopes) = (true, true));
        telemetry.WithMetrics(metrics =>
            {
                metrics.AddMeter(ReturnsTelemetry.Name, "MassTransit").AddAspNetCoreInstrumentation().AddRuntimeInstrumentation();
                if (otlp)
                    metrics.AddOtlpExporter();
                if (console)
                    metrics.AddConsoleExporter();
                if (prometheus)
                    metrics.AddPrometheusExporter();
            });
        return builder;
    }

    public static bool PrometheusEnabled(IConfiguration configuration) => configuration.GetValue("Telemetry:Prometheus", true);
}
