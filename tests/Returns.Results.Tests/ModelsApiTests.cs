using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Returns.Models;
using Returns.Results.Apis;
using Returns.Results.Shadow;
using Returns.Testing;

namespace Returns.Results.Tests;

/// <summary>The model registry over HTTP on the real results host, with a private copy of the models folder: admins
/// only, shadow runs and their comparison, promotion with its gate, rollback.</summary>
public sealed class ModelsApiTests : IAsyncLifetime
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("returns-models-api-");
    private WebApplicationFactory<Program> factory = null!;
    private const string AdminKey = "operator-key";
    private const string ReadKey = "dashboard-key";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        var models = ModelsCopy.Create(Path.Combine(folder.FullName, "models"));
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Messaging:Transport", "InMemory")
                .UseSetting("Messaging:ClaimCheckPath", Path.Combine(folder.FullName, "claim-check"))
                .UseSetting("Results:SqlitePath", Path.Combine(folder.FullName, "results.db"))
                .UseSetting("Results:ReportCron", "")
                .UseSetting("Models:Path", models);
            foreach (var (name, value) in ApiKeys.Settings(0, "operator", AdminKey, "admin").Concat(ApiKeys.Settings(1, "dashboard", ReadKey, "read")))
                web.UseSetting(name, value);
        });
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        folder.Delete(recursive: true);
    }

    private HttpClient Client(string key)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    [Fact]
    public async Task An_admin_runs_a_shadow_compares_it_and_the_gate_refuses_a_worse_candidate_unless_forced_then_rolls_back()
    {
        using var admin = Client(AdminKey);

        using (var shadow = await admin.PostAsync($"/api/models/{ModelsCopy.Previous}/shadow?reason=try", null, Token))
            Assert.Equal(HttpStatusCode.OK, shadow.StatusCode);
        var registry = await admin.GetFromJsonAsync<ModelsApi.RegistryView>("/api/models", Token);
        Assert.Equal((ModelsCopy.Production, ModelsCopy.Previous), (registry!.Production, registry.Shadow));

        var comparison = await admin.GetFromJsonAsync<ModelComparison>($"/api/models/{ModelsCopy.Previous}/comparison", Token);
        Assert.Equal((ModelsCopy.Previous, ModelsCopy.Production, 0), (comparison!.Candidate, comparison.Production, comparison.ShadowOutcomes));

        using (var refused = await admin.PostAsync($"/api/models/{ModelsCopy.Previous}/promote?reason=older", null, Token))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Contains("test split", await refused.Content.ReadAsStringAsync(Token));
        }
        using (var forced = await admin.PostAsync($"/api/models/{ModelsCopy.Previous}/promote?reason=older&force=true", null, Token))
            Assert.Equal(HttpStatusCode.OK, forced.StatusCode);
        using (var rolledBack = await admin.PostAsync("/api/models/rollback?reason=back", null, Token))
            Assert.Equal(RegistryActions.Rollback, (await rolledBack.Content.ReadFromJsonAsync<RegistryEvent>(Token))!.Action);

        registry = await admin.GetFromJsonAsync<ModelsApi.RegistryView>("/api/models", Token);
        Assert.Equal(ModelsCopy.Production, registry!.Production);
        Assert.Null(registry.Shadow); // promoting the version in shadow ended its shadow run
        Assert.Equal([RegistryActions.Shadow, RegistryActions.Promote, RegistryActions.Rollback], registry.History.TakeLast(3).Select(e => e.Action));
    }

    [Theory]
    [InlineData("GET", "/api/models")]
    [InlineData("GET", "/api/models/clothing-mobilenetv2-v1/comparison")]
    [InlineData("POST", "/api/models/clothing-mobilenetv2-v1/shadow")]
    [InlineData("POST", "/api/models/shadow/end")]
    [InlineData("POST", "/api/models/clothing-mobilenetv2-v1/promote")]
    public async Task A_reader_key_is_refused_the_registry(string method, string path)
    {
        using var reader = Client(ReadKey);

        using var response = await reader.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
