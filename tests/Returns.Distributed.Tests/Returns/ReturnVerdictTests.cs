using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using MassTransit;
using Returns.Contracts;
using Returns.Testing;

namespace Returns.Distributed.Tests.Returns;

/// <summary>Returns on the real broker: upstream registers returns as plain JSON, ingest takes photos for their lines over
/// HTTP, two workers classify, and results publishes one current verdict per line.</summary>
public sealed class ReturnVerdictTests(BrokerFixture broker) : SystemTest(broker, "returns")
{
    private const string Key = "upstream-key";
    private const string VerdictQueue = "test-verdicts";

    [Fact]
    public async Task Shuffled_returns_and_photos_with_duplicates_give_every_line_exactly_one_current_verdict_and_a_review_flips_a_mismatch()
    {
        var scenario = ReturnScenario.Create();
        Assert.Equal((50, 120, 300), (scenario.Returns.Count, scenario.LineCount, scenario.Photos.Values.Sum(p => p.Count)));
        Assert.Equal(300, scenario.Photos.Values.SelectMany(p => p).Select(Convert.ToHexString).Distinct().Count());
        var http = await StartSystemAsync();
        await using var upstream = await BrokerClient.ConnectAsync(Broker, Deployment.VirtualHost, "upstream");
        await using var downstream = await BrokerClient.ConnectAsync(Broker, Deployment.VirtualHost, "admin");
        await downstream.ListenToVerdictsAsync(VerdictQueue);

        var events = ShuffledWithDuplicates(scenario, seed: 13);
        var photosBeforeTheirReturn = 0;
        var registered = new HashSet<string>();
        var clock = Stopwatch.StartNew();
        foreach (var e in events)
        {
            if (e.Return is { } r)
            {
                await upstream.PublishReturnAsync(r);
                registered.Add(r.ReturnId);
            }
            else
            {
                photosBeforeTheirReturn += registered.Contains(e.Line.ReturnId) ? 0 : 1;
                await UploadAsync(http, e.Line, e.Photo!);
            }
        }
        Assert.True(photosBeforeTheirReturn > 0, "no photo arrived before its return");

        await Broker.WaitAsync(() => Task.FromResult(AllLinesSettled(scenario)), TimeSpan.FromMinutes(6), "a verdict on every photo of every line" + Deployment.Logs());
        var settledIn = clock.Elapsed;
        var verdicts = VerdictRows.Read(Deployment.ResultsDatabase);
        Assert.Equal(scenario.LineCount, verdicts.Count);
        Assert.Equal(scenario.Photos.Keys.Order(), verdicts.Select(v => (v.ReturnId, v.LineId)).Order());
        var counts = verdicts.GroupBy(v => v.Verdict).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(scenario.LineCount, counts.Values.Sum()); // lines = matches + mismatches + inconclusive + incomplete
        Assert.Equal(LineVerdicts.Mismatch, verdicts.Of(scenario.Mismatched).Verdict);
        Assert.Equal((LineVerdicts.Inconclusive, LineVerdictReasons.UnmappedCategory), (verdicts.Of(scenario.Unmapped).Verdict, verdicts.Of(scenario.Unmapped).Reason));
        Assert.Equal(["dress"], verdicts.Of(("R-002", "1")).DeclaredLabels); // mapped by its SKU prefix

        await ReviewAllPhotosAsync(verdicts.Of(scenario.Mismatched), "dress");
        await Broker.WaitAsync(() => Task.FromResult(VerdictRows.Read(Deployment.ResultsDatabase).Of(scenario.Mismatched).Verdict == LineVerdicts.Matches),
            TimeSpan.FromMinutes(1), "the corrected line to match" + Deployment.Logs());
        var flipped = VerdictRows.Read(Deployment.ResultsDatabase).Of(scenario.Mismatched);
        Assert.True(flipped.Revision > verdicts.Of(scenario.Mismatched).Revision);

        var published = await downstream.DrainVerdictsAsync(VerdictQueue);
        var current = VerdictRows.Read(Deployment.ResultsDatabase);
        var latestPublished = published.GroupBy(v => (v.ReturnId, v.LineId)).ToDictionary(g => g.Key, g => g.MaxBy(v => v.Revision)!);
        Assert.All(current, v => Assert.Equal((v.Revision, v.Verdict), (latestPublished[(v.ReturnId, v.LineId)].Revision, latestPublished[(v.ReturnId, v.LineId)].Verdict)));
        var distinct = published.Select(v => (v.ReturnId, v.LineId, v.Revision)).Distinct().Count();
        TestContext.Current.SendDiagnosticMessage(
            $"{events.Count} events ({photosBeforeTheirReturn} photos before their return) settled in {settledIn.TotalSeconds:F0} s; " +
            $"verdicts {string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key}={c.Value}"))}; " +
            $"{published.Count} verdicts published, {distinct} distinct (return, line, revision)");
    }

    private bool AllLinesSettled(ReturnScenario scenario)
    {
        var verdicts = VerdictRows.Read(Deployment.ResultsDatabase);
        return verdicts.Count == scenario.LineCount && verdicts.All(v =>
            v.Photos.Count == scenario.Photos[(v.ReturnId, v.LineId)].Count && v.Photos.All(p => p.Status != "pending"));
    }

    private sealed record Event(ReturnRegistered? Return, (string ReturnId, string LineId) Line, byte[]? Photo);

    /// <summary>Every return and every photo once, 10 % of them twice, in a shuffled order.</summary>
    private static IReadOnlyList<Event> ShuffledWithDuplicates(ReturnScenario scenario, int seed)
    {
        var random = new Random(seed);
        var events = scenario.Returns.Select(r => new Event(r, (r.ReturnId, ""), null))
            .Concat(scenario.Photos.SelectMany(line => line.Value.Select(photo => new Event(null, line.Key, photo))))
            .ToList();
        events.AddRange(events.OrderBy(_ => random.Next()).Take(events.Count / 10).ToArray());
        return events.OrderBy(_ => random.Next()).ToArray();
    }

    private async Task<HttpClient> StartSystemAsync()
    {
        var port = FreePort();
        Deployment.StartResults();
        Deployment.StartWorker("worker-a");
        Deployment.StartWorker("worker-b");
        Deployment.StartIngestApi(port, Key);
        await Deployment.WaitForConsumersAsync(workers: 2);
        await Broker.WaitAsync(async () => (await Broker.QueueAsync(Deployment.VirtualHost, "return-registered")).Consumers >= 1,
            TimeSpan.FromSeconds(60), "results to consume returns");
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("X-Api-Key", Key);
        await Broker.WaitAsync(async () => await ReadyAsync(http), TimeSpan.FromMinutes(1), "ingest to be ready" + Deployment.Logs());
        return http;
    }

    private static async Task UploadAsync(HttpClient http, (string ReturnId, string LineId) line, byte[] photo)
    {
        var image = new ByteArrayContent(photo);
        image.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(line.ReturnId), "returnId" }, { new StringContent(line.LineId), "lineId" }, { image, "files", "photo.jpg" },
        };
        using var response = await http.PostAsync("/api/images", form, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    /// <summary>As the console does: an ImageReviewed per photo, published by the staff user through MassTransit.</summary>
    private async Task ReviewAllPhotosAsync(ReturnLineAssessed line, string label)
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host("127.0.0.1", (ushort)Broker.Port, Deployment.VirtualHost, host =>
        {
            host.Username(RabbitMqNode.UserName("staff"));
            host.Password(Broker.Passwords["staff"]);
        }));
        await bus.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            foreach (var photo in line.Photos)
                await bus.Publish(new ImageReviewed
                {
                    ReviewId = Guid.NewGuid(), ImageId = photo.ImageId, ModelVersion = "clothing-mobilenetv2-v2", PreviousLabel = photo.Label,
                    ReviewedLabel = label, Reviewer = "test-reviewer", ReviewedAt = DateTimeOffset.UtcNow,
                }, TestContext.Current.CancellationToken);
        }
        finally
        {
            await bus.StopAsync(TestContext.Current.CancellationToken);
        }
    }

    private static async Task<bool> ReadyAsync(HttpClient http)
    {
        try
        {
            using var response = await http.GetAsync("/health/ready");
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
