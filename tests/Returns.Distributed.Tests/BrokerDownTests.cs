using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Returns.Testing;

namespace Returns.Distributed.Tests;

/// <summary>Ingest.Api as deployed (its own appsettings.json, started from the repository root) when the broker goes away.</summary>
public sealed class BrokerDownTests(BrokerFixture broker) : SystemTest(broker, "broker-down")
{
    private const string Key = "upstream-key";

    [Fact]
    public async Task With_the_broker_down_an_upload_gets_503_and_retry_after_within_seconds_keeps_no_file_and_readiness_is_503()
    {
        var port = FreePort();
        Deployment.StartIngestApi(port, Key);
        // The bound is the point: an upload must not hang while the broker is away.
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Add("X-Api-Key", Key);
        await Broker.WaitAsync(async () => await StatusAsync(http, "/health/ready") == HttpStatusCode.OK, TimeSpan.FromMinutes(1),
            "ingest to be ready" + Deployment.Logs());
        Assert.Equal(HttpStatusCode.Accepted, (await UploadAsync(http, RepoPaths.SamplePhoto(0))).StatusCode);
        var keptBefore = ClaimCheckFiles();

        await Broker.CtlAsync("stop_app");
        try
        {
            var response = await UploadAsync(http, RepoPaths.SamplePhoto(1));

            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{response.StatusCode}\n{Deployment.Logs()}");
            Assert.NotNull(response.Headers.RetryAfter);
            Assert.Equal(keptBefore, ClaimCheckFiles());
            await Broker.WaitAsync(async () => await StatusAsync(http, "/health/ready") == HttpStatusCode.ServiceUnavailable,
                TimeSpan.FromSeconds(30), "readiness to answer 503 while the broker is down");
        }
        finally
        {
            await Broker.CtlAsync("start_app");
        }
        await Broker.WaitAsync(async () => await StatusAsync(http, "/health/ready") == HttpStatusCode.OK, TimeSpan.FromMinutes(1),
            "ingest to be ready again once the broker is back");
    }

    private string[] ClaimCheckFiles() =>
        Directory.Exists(Deployment.ClaimCheck) ? Directory.GetFiles(Deployment.ClaimCheck, "*", SearchOption.AllDirectories) : [];

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient http, string photo)
    {
        var image = new ByteArrayContent(File.ReadAllBytes(photo));
        image.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        using var form = new MultipartFormDataContent { { image, "files", Path.GetFileName(photo) } };
        return await http.PostAsync("/api/images", form, TestContext.Current.CancellationToken);
    }

    private static async Task<HttpStatusCode?> StatusAsync(HttpClient http, string path)
    {
        try
        {
            return (await http.GetAsync(path, TestContext.Current.CancellationToken)).StatusCode;
        }
        catch (HttpRequestException)
        {
            return null; // not listening yet
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
