using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Returns.Contracts;
using Returns.Results.Storage;

namespace Returns.Results.Tests;

/// <summary>The results service's HTTP API on a real SQLite file, through the real host (Program of Results.Api).</summary>
public sealed class ResultsApiTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Night = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("returns-api-");
    private WebApplicationFactory<Program> factory = null!;
    private HttpClient client = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseSetting("Messaging:Transport", "InMemory")
            .UseSetting("Messaging:ClaimCheckPath", Path.Combine(folder.FullName, "claim-check"))
            .UseSetting("Results:SqlitePath", Path.Combine(folder.FullName, "results.db"))
            .UseSetting("Results:ReportsPath", Path.Combine(folder.FullName, "reports"))
            .UseSetting("Results:ReportCron", ""));
        client = factory.CreateClient();
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
        var csv = await File.ReadAllBytesAsync(Path.Combine(compiled!.Location, "report.csv"), Token);
        var summary = await File.ReadAllBytesAsync(Path.Combine(compiled.Location, "summary.json"), Token);

        var second = await client.PostAsync($"/api/reports?from={Q(Night)}&to={Q(Night.AddDays(1))}", null, Token);

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal((5, 4, 1, 2), (compiled.Images, compiled.Classified, compiled.Rejected, compiled.NeedReview));
        Assert.Equal(csv, await File.ReadAllBytesAsync(Path.Combine(compiled.Location, "report.csv"), Token));
        Assert.Equal(summary, await File.ReadAllBytesAsync(Path.Combine(compiled.Location, "summary.json"), Token));
        Assert.True(File.Exists(Path.Combine(compiled.Location, "report.html")));
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

    private static string Q(DateTimeOffset time) => Uri.EscapeDataString(time.ToString("O"));
}
