using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Returns.ServiceDefaults;
using Returns.Telemetry;
using Returns.Testing;

namespace Returns.Ops.Tests;

public sealed partial class ObservabilityTests
{
    private static string Ops(params string[] path) => Path.Combine([RepoPaths.Root, "ops", .. path]);

    /// <summary>The names Prometheus gets from the collector: dots to underscores, the unit, _total on counters.</summary>
    private static HashSet<string> ExportedMetrics() =>
        new[] { typeof(ReturnsTelemetry) }
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Select(f => f.GetValue(null)).OfType<System.Diagnostics.Metrics.Instrument>()
            .SelectMany(i =>
            {
                var unit = i.Unit switch { "s" => "_seconds", "ms" => "_milliseconds", _ => "" };
                var name = i.Name.Replace('.', '_') + unit;
                return i.GetType().Name.StartsWith("Counter", StringComparison.Ordinal)
                    ? [name + "_total"]
                    : new[] { name + "_bucket", name + "_sum", name + "_count" };
            })
            .ToHashSet();

    [Fact]
    public void Every_returns_metric_on_the_dashboard_is_one_the_services_export()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Ops("grafana", "dashboards", "returns.json")));
        var expressions = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray()).Select(t => t.GetProperty("expr").GetString()!).ToArray();
        var exported = ExportedMetrics();

        var used = expressions.SelectMany(e => MetricName().Matches(e).Select(m => m.Value)).ToHashSet();

        Assert.True(expressions.Length >= 8);
        Assert.NotEmpty(used);
        Assert.All(used, metric => Assert.Contains(metric, exported));
        Assert.Contains(expressions, e => e.Contains("rabbitmq_queue_messages_ready", StringComparison.Ordinal));
    }

    [Fact]
    public void The_collector_receives_otlp_and_prometheus_scrapes_what_it_exports()
    {
        var collector = Yaml.Documents(Ops("otel", "collector.yaml")).Single();
        var prometheus = Yaml.Documents(Ops("prometheus", "prometheus.yml")).Single();

        var exportEndpoint = collector.Text("exporters", "prometheus", "endpoint")!;
        Assert.EndsWith(":4317", collector.Text("receivers", "otlp", "protocols", "grpc", "endpoint"));
        Assert.Contains("otel-collector:" + exportEndpoint.Split(':')[^1], File.ReadAllText(Ops("prometheus", "prometheus.yml")));
        Assert.NotNull(prometheus.At("scrape_configs"));
    }

    [GeneratedRegex(@"returns_[a-z_]+")]
    private static partial Regex MetricName();
}
