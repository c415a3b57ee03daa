using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;
using Returns.ServiceDefaults;

namespace Returns.Ops.Tests;

/// <summary>Logs leave a service through OpenTelemetry beside its traces and metrics, as soon as something receives them.</summary>
public sealed class TelemetryExportTests
{
    [Fact]
    public void With_an_otlp_endpoint_log_lines_go_through_opentelemetry()
    {
        using var host = Host(new() { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4317" });

        Assert.Contains(host.Services.GetServices<ILoggerProvider>(), p => p is OpenTelemetryLoggerProvider);
    }

    [Fact]
    public void Without_any_exporter_no_log_line_is_kept_for_opentelemetry()
    {
        using var host = Host([]);

        Assert.DoesNotContain(host.Services.GetServices<ILoggerProvider>(), p => p is OpenTelemetryLoggerProvider);
    }

    private static IHost Host(Dictionary<string, string?> settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults();
        return builder.Build();
    }
}
