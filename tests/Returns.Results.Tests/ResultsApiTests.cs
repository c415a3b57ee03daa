using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Returns.Contracts;
using Returns.Results.Storage;
using Returns.Testing;

namespace Returns.Results.Tests;

/// <summary>The results service's HTTP API on a real SQLite file, through the real host (Program of Results.Api).</summary>
public sealed class ResultsApiTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Night = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("returns-api-");
    private WebApplicationFactory<Program> factory = null!;
    private HttpClient client = null!;
    private const string AdminKey = "operator-key";
    private const string ReadKey = "dashboard-key";

    private string Reports => Path.Combine(folder.FullName, "reports");

    private HttpClient Client(string key)
    {
        var c = factory.CreateClient();
        c.DefaultRequestHeaders.Add("X-Api-Key", key);
        return c;
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Messaging:Transport", "InMemory")
                .UseSetting("Messaging:ClaimCheckPath", Path.Combine(folder.FullName, "claim-check"))
                .UseSetting("Results:SqlitePath", Path.Combine(folder.FullName, "results.db"))
                .UseSetting("Results:ReportsPath", Reports)
                .UseSetting("Results:ReportCron", "");
            foreach (var (name, value) in ApiKeys.Settings(0, "operator", AdminKey, "admin").Concat(ApiKeys.Settings(1, "dashboard", ReadKey, "read")))
                web.UseSetting(name, value);
        });
        client = Client(AdminKey);
        var store = factory.Services.GetRequiredService<IResultStore>();
        var hour = 0;
        foreach (var (id, label, confidence) in new[] { ("a", "shoes", 0.95f), ("b", "shoes", 0.45f), ("c", "hat", 0.8f), ("d", "dress", 0.55f) })
            await store.SaveAsync(Outcomes.Classified(id, label, confidence) with { CompletedAt = Night.AddHours(++hour) }, Token);
        await store.SaveAsync(Outcomes.RejectedAtIngest("e", "empty") with { CompletedAt = Night.AddHours(5) }, Token);
    }

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        await factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        folder.Delete(recursive: true);
    }

    [Fact]
    public async Task Results_are_queried_by_period_label_and_confidence()
    {
        var unsure = await client.GetFromJsonAsync<StoredOutcome[]>(
            $"/api/results?from={Q(Night)}&to={Q(Night.AddDays(1))}&maxConfidence=0.6", Token);
        var shoes = await client.GetFromJsonAsync<StoredOutcome[]>("/api/results?label=shoes", Token);

        Assert.Equal(["b", "d"], unsure!.Select(o => o.ImageId));
        Assert.Equal(["a", "b"], shoes!.Select(o => o.ImageId));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/results?limit=0", Token)).StatusCode);
    }

    [Fact]
    public async Task A_period_report_compiled_twice_is_identical_in_its_data()
    {
        var first = await client.PostAsync($"/api/reports?from={Q(Night)}&to={Q(Night.AddDays(1))}", null, Token);
        Assert.True(first.IsSuccessStatusCode, await first.Content.ReadAsStringAsync(Token));
        var compiled = await first.Content.ReadFromJsonAsync<ReportCompiled>(Token);
        var location = Path.Combine(Reports, compiled!.Location);
        var csv = await File.ReadAllBytesAsync(Path.Combine(location, "report.csv"), Token);
        var summary = await File.ReadAllBytesAsync(Path.Combine(location, "summary.json"), Token);

        var second = await client.PostAsync($"/api/reports?from={Q(Night)}&to={Q(Night.AddDays(1))}", null, Token);

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal((5, 4, 1, 2), (compiled.Images, compiled.Classified, compiled.Rejected, compiled.NeedReview));
        Assert.Equal(csv, await File.ReadAllBytesAsync(Path.Combine(location, "report.csv"), Token));
        Assert.Equal(summary, await File.ReadAllBytesAsync(Path.Combine(location, "summary.json"), Token));
        Assert.True(File.Exists(Path.Combine(location, "report.html")));
    }

    [Fact]
    public async Task A_period_without_results_has_no_report()
    {
        var response = await client.GetAsync($"/api/reports?from={Q(Night.AddDays(-7))}&to={Q(Night.AddDays(-6))}", Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_api_is_described_by_openapi()
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json", Token));

        var paths = document.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/results", out _));
        Assert.True(paths.TryGetProperty("/api/reports", out _));
    }

    [Fact]
    public async Task Liveness_and_readiness_answer_once_the_bus_and_the_store_are_up()
    {
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready", Token)).StatusCode);
    }

    [Fact]
    public async Task Every_endpoint_but_health_answers_an_anonymous_request_with_401()
    {
        var endpoints = EndpointRoutes.All(factory.Services).Where(e => !e.Pattern.StartsWith("/health", StringComparison.Ordinal)).ToArray();
        Assert.Contains(endpoints, e => e.Pattern.StartsWith("/api/reports", StringComparison.Ordinal));
        var anonymous = factory.CreateClient();

        foreach (var (method, pattern) in endpoints)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), pattern.Replace("{imageId}", "a"));
            var response = await anonymous.SendAsync(request, Token);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {pattern}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task A_read_key_reads_but_cannot_compile_reports()
    {
        var reader = Client(ReadKey);

        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/results?label=shoes", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsync($"/api/reports?from={Q(Night)}&to={Q(Night.AddDays(1))}", null, Token)).StatusCode);
        Assert.False(Directory.Exists(Reports));
    }

    [Fact]
    public async Task An_image_asked_for_without_a_model_version_returns_its_outcome()
    {
        var found = await client.GetFromJsonAsync<StoredOutcome[]>("/api/results/a", Token);

        Assert.Equal("shoes", Assert.Single(found!).Label);
    }

    [Fact]
    public async Task Two_periods_a_few_seconds_apart_get_two_report_folders_and_no_server_path_is_answered()
    {
        var first = await client.PostAsync($"/api/reports?from={Q(Night)}&to={Q(Night.AddDays(1))}", null, Token);
        var second = await client.PostAsync($"/api/reports?from={Q(Night.AddSeconds(5))}&to={Q(Night.AddDays(1))}", null, Token);
        var a = await first.Content.ReadAsStringAsync(Token);
        var b = await second.Content.ReadAsStringAsync(Token);

        Assert.Equal(2, Directory.GetDirectories(Reports).Length);
        Assert.DoesNotContain(folder.FullName, a + b + first.Headers.Location + second.Headers.Location);
    }

    private static string Q(DateTimeOffset time) => Uri.EscapeDataString(time.ToString("O"));
}
