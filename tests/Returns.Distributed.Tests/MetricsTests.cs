using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using Returns.Testing;

namespace Returns.Distributed.Tests;

/// <summary>The metrics as an operator sees them: Debian's Prometheus scrapes ingest, a worker and the results service
/// (with its metrics key) and the broker during a run; the counters equal what was stored, and every query on the
/// Grafana dashboard returns data through Prometheus' HTTP API. Its own broker node carries rabbitmq_prometheus, so the
/// node the other tests share stays as it was.</summary>
public sealed class MetricsTests : IAsyncLifetime
{
    private RabbitMqNode Broker { get; set; } = null!;
    private DistributedSystem Deployment { get; set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Broker = await RabbitMqNode.StartAsync(prometheus: true);
        Deployment = await DistributedSystem.CreateAsync(Broker, "metrics");
    }

    public async ValueTask DisposeAsync()
    {
        Deployment.Dispose();
        await Broker.DisposeAsync();
    }

    private const string UploadKey = "metrics-test-upload";
    private static readonly string[] Broken = ["broken-truncated.jpg", "broken-not-an-image.jpg"];

    [Fact]
    public async Task Prometheus_sees_every_image_and_answers_every_dashboard_query()
    {
        Assert.True(File.Exists(PrometheusServer.Binary), "tests/run.sh installs Debian's prometheus");
        var (ingest, worker, results) = (FreePort(), FreePort(), FreePort());
        Deployment.StartResults(results);
        Deployment.StartWorker("worker-a", port: worker);
        Deployment.StartIngestApi(ingest, UploadKey);
        await Deployment.WaitForConsumersAsync(workers: 1);
        using var prometheus = await PrometheusServer.StartAsync(
            [$"127.0.0.1:{ingest}", $"127.0.0.1:{worker}", $"127.0.0.1:{results}"], DistributedSystem.MetricsKey, Broker.PrometheusPort);
        await prometheus.WaitAsync(async () => (await prometheus.TargetsAsync()) is { Count: 4 } targets && targets.Values.All(h => h == "up"),
            "every service and the broker to be scraped" + Deployment.Logs());

        var photos = Enumerable.Range(0, 12).Select(i => RepoPaths.SamplePhoto(i)).Concat(Broken.Select(b => Path.Combine(RepoPaths.SampleInbox, b))).ToArray();
        await UploadAsync(ingest, photos);
        await Deployment.WaitForStoredAsync(photos.Length, TimeSpan.FromMinutes(2));
        var stored = Deployment.Stored();
        var labelled = stored.Count(r => r.Status != "rejected");
        var rejected = stored.Count(r => r.Status == "rejected");

        // What each service counted, as Prometheus scraped it; the last scrape may trail the store by a second.
        var expected = new Dictionary<string, double>
        {
            ["sum(returns_images_received_total)"] = photos.Length - 1, // not-an-image never got in
            ["sum(returns_images_classified_total)"] = labelled,
            ["sum(returns_images_rejected_total)"] = rejected,
            ["sum(returns_outcomes_stored_total{duplicate=\"false\"})"] = photos.Length,
        };
        var seen = new Dictionary<string, double?>();
        async Task<bool> AllCounted()
        {
            foreach (var query in expected.Keys)
                seen[query] = await prometheus.ScalarAsync(query);
            return expected.All(e => seen[e.Key] == e.Value);
        }
        try
        {
            await prometheus.WaitAsync(AllCounted, "Prometheus to count every image", TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            Assert.Fail(string.Join("; ", expected.Select(e => $"{e.Key}: expected {e.Value}, Prometheus has {seen.GetValueOrDefault(e.Key)}")));
        }

        // A rate needs two scrapes of a series inside its window: give each query a few scrapes to have data.
        foreach (var expression in DashboardQueries())
            await prometheus.WaitAsync(async () => (await prometheus.QueryAsync(expression)).Length > 0,
                $"the dashboard query {expression} to return data", TimeSpan.FromSeconds(30));
    }

    private static IEnumerable<string> DashboardQueries()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "ops", "grafana", "dashboards", "returns.json")));
        return dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray()).Select(t => t.GetProperty("expr").GetString()!).ToArray();
    }

    private static async Task UploadAsync(int port, IEnumerable<string> photos)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        http.DefaultRequestHeaders.Add("X-Api-Key", UploadKey);
        using var form = new MultipartFormDataContent();
        foreach (var photo in photos)
        {
            var content = new ByteArrayContent(await File.ReadAllBytesAsync(photo));
            content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(content, "files", Path.GetFileName(photo));
        }
        using var response = await http.PostAsync("/api/images/", form);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
