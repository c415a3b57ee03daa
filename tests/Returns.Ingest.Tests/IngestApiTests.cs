using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Returns.Contracts;
using Returns.Testing;

namespace Returns.Ingest.Tests;

/// <summary>POST /api/images through the real Ingest.Api host, its bus replaced by MassTransit's test harness.</summary>
public sealed class IngestApiTests : IAsyncLifetime
{
    private const string Key = "night-shift-key";
    private const string ReadOnlyKey = "auditor-key";
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("returns-ingest-api-");
    private WebApplicationFactory<Program> factory = null!;
    private ITestHarness harness = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Messaging:Transport", "InMemory")
                .UseSetting("Messaging:ClaimCheckPath", folder.FullName)
                .UseSetting("Ingest:MaxParts", "20")
                .UseSetting("Http:RequestsPerMinutePerKey", "30")
                .ConfigureServices(services => services.AddMassTransitTestHarness());
            foreach (var (name, value) in ApiKeys.Settings(0, "upstream", Key, "ingest").Concat(ApiKeys.Settings(1, "reader", ReadOnlyKey, "read")))
                web.UseSetting(name, value);
        });
        harness = factory.Services.GetTestHarness();
        await harness.Start();
    }

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        folder.Delete(recursive: true);
    }

    [Fact]
    public async Task Several_images_in_one_request_each_get_an_outcome_and_hostile_names_stay_labels()
    {
        var photo = File.ReadAllBytes(RepoPaths.SamplePhoto(0));
        using var form = new MultipartFormDataContent
        {
            { Image(photo), "files", "../../etc/passwd.jpg" },
            { Image(BadImages.DecompressionBomb()), "files", "bomb.png" },
            { new StringContent("RMA-1001"), "returnId" },
        };

        var response = await Client().PostAsync("/api/images", form, Token);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var results = await response.Content.ReadFromJsonAsync<IngestResult[]>(Token);
        Assert.Equal([("etc/passwd.jpg", IngestStatus.Published), ("bomb.png", IngestStatus.Rejected)],
            results!.Select(r => (r.SourceName, r.Status)));
        Assert.Equal(RejectionReasons.TooManyPixels, results![1].Reason);
        var received = harness.Published.Select<ImageReceived>().Single().Context.Message;
        Assert.Equal(("RMA-1001", ImageId.Of(photo)), (received.ReturnId, received.ImageId));
        Assert.Equal("bomb.png", harness.Published.Select<ImageRejected>().Single().Context.Message.SourceName);
        Assert.Empty(Directory.GetFiles(folder.FullName, "passwd*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_request_without_the_api_key_is_refused_and_publishes_nothing()
    {
        using var form = new MultipartFormDataContent { { Image(File.ReadAllBytes(RepoPaths.SamplePhoto(0))), "files", "a.jpg" } };

        var response = await factory.CreateClient().PostAsync("/api/images", form, Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(harness.Published.Select<ImageReceived>().Any());
    }

    [Fact]
    public async Task A_request_without_files_gets_a_clear_error()
    {
        var response = await Client().PostAsync("/api/images", new MultipartFormDataContent { { new StringContent("x"), "returnId" } }, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("no files", await response.Content.ReadAsStringAsync(Token));
    }

    [Theory]
    [InlineData("returnId", "R-\u00071")]
    [InlineData("returnId", "R-\u202E1gpj.exe")]
    [InlineData("lineId", "1\u200B")]
    [InlineData("runId", "run\n1")]
    [InlineData("runId", " ")]
    public async Task A_return_line_or_run_id_that_is_not_a_printable_id_gets_a_problem_400_naming_it_and_publishes_nothing(string field, string id)
    {
        using var form = new MultipartFormDataContent
        {
            { Image(File.ReadAllBytes(RepoPaths.SamplePhoto(0))), "files", "a.jpg" },
            { new StringContent(id), field },
        };

        var response = await Client().PostAsync("/api/images", form, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out var reasons), problem.RootElement.ToString());
        Assert.False(string.IsNullOrEmpty(reasons[0].GetString()));
        Assert.False(harness.Published.Select<ImageReceived>().Any());
        Assert.Empty(Directory.GetFiles(folder.FullName, "*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("not multipart", "multipart/form-data")]
    [InlineData("--b\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.jpg\"\r\n\r\nabc", "multipart/form-data; boundary=b")]
    [InlineData("--b\r\nno-colon-header\r\n\r\nabc\r\n--b--\r\n", "multipart/form-data; boundary=b")]
    public async Task A_malformed_body_gets_a_problem_400_and_publishes_nothing(string body, string contentType)
    {
        using var content = new StringContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        var response = await Client().PostAsync("/api/images", content, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(harness.Published.Select<ImageReceived>().Any());
        Assert.Empty(Directory.GetFiles(folder.FullName, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task More_parts_than_the_limit_get_a_problem_400_and_leave_no_file_behind()
    {
        var photo = File.ReadAllBytes(RepoPaths.SamplePhoto(0));
        using var form = new MultipartFormDataContent();
        for (var i = 0; i < 21; i++)
            form.Add(Image(photo), "files", $"p{i}.jpg");

        var response = await Client().PostAsync("/api/images", form, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("more than 20 parts", await response.Content.ReadAsStringAsync(Token));
        Assert.Empty(Directory.GetFiles(folder.FullName, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_body_over_the_configured_limit_is_refused_before_it_is_read()
    {
        using var limited = factory.WithWebHostBuilder(web => web.UseSetting("Http:MaxRequestBodyBytes", "1000"));
        var client = limited.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        using var form = new MultipartFormDataContent { { Image(File.ReadAllBytes(RepoPaths.SamplePhoto(0))), "files", "a.jpg" } };

        var response = await client.PostAsync("/api/images", form, Token);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_key_without_the_ingest_scope_is_forbidden_and_an_unknown_key_is_unauthorized()
    {
        using var form = new MultipartFormDataContent { { Image(File.ReadAllBytes(RepoPaths.SamplePhoto(0))), "files", "a.jpg" } };
        var reader = factory.CreateClient();
        reader.DefaultRequestHeaders.Add("X-Api-Key", ReadOnlyKey);
        var stranger = factory.CreateClient();
        stranger.DefaultRequestHeaders.Add("X-Api-Key", Key + "x");

        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsync("/api/images", form, Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.PostAsync("/api/images", form, Token)).StatusCode);
        Assert.False(harness.Published.Select<ImageReceived>().Any());
    }

    [Fact]
    public async Task Every_endpoint_but_health_answers_an_anonymous_request_with_401()
    {
        var endpoints = EndpointRoutes.All(factory.Services).Where(e => !e.Pattern.StartsWith("/health", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(endpoints);
        var anonymous = factory.CreateClient();

        foreach (var (method, pattern) in endpoints)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), pattern.Replace("{imageId}", "x"));
            var response = await anonymous.SendAsync(request, Token);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {pattern}: {response.StatusCode}");
        }
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live", Token)).StatusCode);
    }

    [Fact]
    public async Task One_key_past_its_rate_limit_gets_429_with_retry_after()
    {
        var client = Client();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 31; i++)
            last = await client.GetAsync("/openapi/v1.json", Token);

        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
        Assert.True(last.Headers.RetryAfter is not null);
    }

    private HttpClient Client()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        return client;
    }

    private static ByteArrayContent Image(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return content;
    }
}
