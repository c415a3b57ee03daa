using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Returns.Testing;

/// <summary>Debian's Prometheus (2.42) in a child process, scraping the given targets every second: the services'
/// /metrics with a bearer key, and a RabbitMQ node's per-object metrics.</summary>
public sealed class PrometheusServer : IDisposable
{
    private readonly Process process;
    private readonly DirectoryInfo folder;
    private readonly HttpClient http;

    private PrometheusServer(Process process, DirectoryInfo folder, int port)
    {
        this.process = process;
        this.folder = folder;
        http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    public const string Binary = "/usr/bin/prometheus";

    public static async Task<PrometheusServer> StartAsync(IReadOnlyList<string> serviceTargets, string bearerKey, int rabbitMqPort)
    {
        var folder = Directory.CreateTempSubdirectory("returns-prometheus-");
        var keyFile = Path.Combine(folder.FullName, "metrics.key");
        await File.WriteAllTextAsync(keyFile, bearerKey);
        var config = Path.Combine(folder.FullName, "prometheus.yml");
        await File.WriteAllTextAsync(config, $$"""
            global: { scrape_interval: 1s, evaluation_interval: 1s }
            scrape_configs:
              - job_name: returns
                authorization: { credentials_file: {{keyFile}} }
                static_configs: [{ targets: [{{string.Join(", ", serviceTargets.Select(t => $"\"{t}\""))}}] }]
              - job_name: rabbitmq
                metrics_path: /metrics/per-object
                static_configs: [{ targets: ["127.0.0.1:{{rabbitMqPort}}"] }]
            """);
        var port = FreePort();
        var info = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { $"--config.file={config}", $"--storage.tsdb.path={folder.FullName}/data", $"--web.listen-address=127.0.0.1:{port}" })
            info.ArgumentList.Add(arg);
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + Binary);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PrometheusServer(process, folder, port);
        await server.WaitAsync(async () => (await server.http.GetAsync("/-/ready")).IsSuccessStatusCode, "Prometheus to be ready");
        return server;
    }

    /// <summary>The result vector of an instant query (throws when Prometheus refuses the expression).</summary>
    public async Task<JsonElement[]> QueryAsync(string expression)
    {
        using var response = await http.GetAsync("/api/v1/query?query=" + Uri.EscapeDataString(expression));
        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        if (json.RootElement.GetProperty("status").GetString() != "success")
            throw new InvalidOperationException($"{expression}: {body}");
        return json.RootElement.GetProperty("data").GetProperty("result").EnumerateArray().Select(r => r.Clone()).ToArray();
    }

    /// <summary>The value of a query that yields one sample (e.g. a sum), or null when it yields none.</summary>
    public async Task<double?> ScalarAsync(string expression) =>
        await QueryAsync(expression) is [var only] ? double.Parse(only.GetProperty("value")[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>Each scrape target's health, as Prometheus last saw it ("up", "down" or "unknown").</summary>
    public async Task<IReadOnlyDictionary<string, string>> TargetsAsync()
    {
        using var json = JsonDocument.Parse(await http.GetStringAsync("/api/v1/targets"));
        return json.RootElement.GetProperty("data").GetProperty("activeTargets").EnumerateArray()
            .ToDictionary(t => t.GetProperty("scrapeUrl").GetString()!, t => t.GetProperty("health").GetString()!);
    }

    public async Task WaitAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (true)
        {
            try
            {
                if (await condition())
                    return;
            }
            catch (HttpRequestException)
            {
            }
            if (process.HasExited)
                throw new InvalidOperationException("Prometheus exited while waiting for " + what);
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("gave up waiting for " + what);
            await Task.Delay(250);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!process.HasExited)
            process.Kill(entireProcessTree: true);
        process.WaitForExit();
        process.Dispose();
        http.Dispose();
        folder.Delete(recursive: true);
    }
}
