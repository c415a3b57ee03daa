using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Returns.Contracts;
using Returns.Results.Apis;
using Returns.Results.Reports;
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

    private IResultStore Store => factory.Services.GetRequiredService<IResultStore>();

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
        var unsure = await client.GetFromJsonAsync<ResultsPage>(
            $"/api/results?from={Q(Night)}&to={Q(Night.AddDays(1))}&maxConfidence=0.6", Token);
        var shoes = await client.GetFromJsonAsync<ResultsPage>("/api/results?label=shoes", Token);

        Assert.Equal(["b", "d"], unsure!.Items.Select(o => o.ImageId));
        Assert.Equal(["a", "b"], shoes!.Items.Select(o => o.ImageId));
    }

    [Fact]
    public async Task A_page_says_how_many_match_in_all_and_follows_the_order_asked_for()
    {
        var page = await client.GetFromJsonAsync<ResultsPage>("/api/results?order=leastConfident&skip=1&limit=2", Token);
        var unreviewed = await client.GetFromJsonAsync<ResultsPage>("/api/results?reviewed=false&order=newest&limit=1", Token);

        Assert.Equal(("d,c", 5, 1, 2), (string.Join(',', page!.Items.Select(o => o.ImageId)), page.Total, page.Skip, page.Limit));
        Assert.Equal(("e", 5), (string.Join(',', unreviewed!.Items.Select(o => o.ImageId)), unreviewed.Total));
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=10001", "limit")]
    [InlineData("skip=-1", "skip")]
    [InlineData("order=7", "order")]
    [InlineData("order=loudest", "order")]
    [InlineData("from=2026-11-23T00:00Z&to=2026-11-22T00:00Z", "to")]
    [InlineData("minConfidence=0.9&maxConfidence=0.1", "minConfidence")]
    [InlineData("minConfidence=NaN", "minConfidence")]
    [InlineData("maxConfidence=NaN", "maxConfidence")]
    [InlineData("minConfidence=-Infinity", "minConfidence")]
    [InlineData("maxConfidence=Infinity", "maxConfidence")]
    public async Task A_bad_query_is_a_validation_problem_naming_the_parameter(string query, string parameter)
    {
        var response = await client.GetAsync("/api/results?" + query, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(parameter, out _), problem.RootElement.ToString());
    }

    [Fact]
    public async Task A_thumbnail_is_served_with_the_type_of_its_bytes_and_a_missing_one_is_404()
    {
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2];
        byte[] webp = [.. "RIFF\0\0\0\0WEBPVP8 "u8]; // stored by an older classifier
        await Store.SaveThumbnailAsync("a", jpeg, Token);
        await Store.SaveThumbnailAsync("b", webp, Token);

        foreach (var (id, bytes, type) in new[] { ("a", jpeg, "image/jpeg"), ("b", webp, "image/webp") })
        {
            var response = await client.GetAsync($"/api/results/{id}/thumbnail", Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync(Token));
        }
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/results/c/thumbnail", Token)).StatusCode);
    }

    [Fact]
    public async Task An_images_reviews_are_listed_oldest_first_and_agreement_is_per_model_label()
    {
        await Store.SaveReviewAsync(Reviews.Of("b", "hat", previousLabel: "shoes", minute: 1), Token);
        await Store.SaveReviewAsync(Reviews.Of("b", "shoes", previousLabel: "shoes", minute: 2), Token);
        await Store.SaveReviewAsync(Reviews.Of("d", "hat", previousLabel: "dress"), Token);

        var history = await client.GetFromJsonAsync<StoredReview[]>("/api/results/b/reviews", Token);
        var agreement = await client.GetFromJsonAsync<ReviewAgreement>("/api/models/v1/agreement", Token);

        Assert.Equal(["hat", "shoes"], history!.Select(r => r.ReviewedLabel));
        Assert.Equal((2, 1), (agreement!.Reviewed, agreement.Agreed));
        Assert.Equal([new LabelAgreement("dress", 1, 0), new LabelAgreement("shoes", 1, 1)], agreement.PerLabel);
        Assert.Empty((await client.GetFromJsonAsync<StoredReview[]>("/api/results/a/reviews", Token))!);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await client.GetAsync($"/api/models/v1/agreement?from={Q(Night)}&to={Q(Night)}", Token)).StatusCode);
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
    public async Task A_period_with_more_unsure_labels_than_a_page_lists_keeps_them_all_in_summary_json_and_the_page_says_where_they_are()
    {
        var extra = ReportHtml.SectionLimit + 20;
        for (var i = 0; i < extra; i++)
            await Store.SaveAsync(Outcomes.Classified($"unsure-{i:D4}", "shirt", 0.2f + i / 10_000f) with { CompletedAt = Night.AddHours(6) }, Token);

        var response = await client.PostAsync($"/api/reports?from={Q(Night)}&to={Q(Night.AddDays(1))}", null, Token);
        var location = Path.Combine(Reports, (await response.Content.ReadFromJsonAsync<ReportCompiled>(Token))!.Location);
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(location, "summary.json"), Token));
        var html = await File.ReadAllTextAsync(Path.Combine(location, "report.html"), Token);

        var unsure = extra + 2; // and b, d of the night
        Assert.Equal(unsure, summary.RootElement.GetProperty("lowConfidence").GetArrayLength());
        Assert.Equal(unsure, summary.RootElement.GetProperty("needPerson").GetInt32());
        Assert.Equal("unsure-0000", summary.RootElement.GetProperty("lowConfidence")[0].GetProperty("imageId").GetString());
        Assert.Contains($"({unsure} unsure labels)", html);
        Assert.Contains($"Showing the first {ReportHtml.SectionLimit} of {unsure}: all of them are in <b>report.csv</b>", html);
        Assert.Contains("unsure-0499", html);
        Assert.DoesNotContain("unsure-0500", html);
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
        Assert.True(paths.TryGetProperty("/api/results/{imageId}/thumbnail", out _));
        Assert.True(paths.TryGetProperty("/api/models/{version}/agreement", out _));
        var query = paths.GetProperty("/api/results").GetProperty("get").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString());
        Assert.Equal(["from", "to", "runId", "returnId", "modelVersion", "status", "label", "minConfidence", "maxConfidence", "reviewed", "order", "skip", "limit"], query);
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
            using var request = new HttpRequestMessage(new HttpMethod(method), pattern.Replace("{imageId}", "a").Replace("{version}", "v1"));
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
