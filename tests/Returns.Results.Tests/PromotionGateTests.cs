using System.Text.Json;
using System.Text.Json.Nodes;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Returns.Contracts;
using Returns.Models;
using Returns.Results.Promotion;
using Returns.Results.Shadow;
using Returns.Results.Storage;
using Returns.Testing;

namespace Returns.Results.Tests;

/// <summary>Promotion against the evidence of a shadow run: a candidate that reviewers found worse than production is
/// refused unless forced. Real SQLite stores, a private copy of the models folder, MassTransit's test harness.</summary>
public sealed class PromotionGateTests : IAsyncDisposable
{
    private const string Production = ModelsCopy.Production;
    private const string Candidate = $"{Production}-retrained";
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("returns-gate-");
    private IHost host = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<IServiceProvider> StartAsync()
    {
        var models = ModelsCopy.Create(Path.Combine(work.FullName, "models"));
        // The same file under another name: its card scores the same as production's, so only the reviews can tell them apart.
        ModelsCopy.CopyVersion(Path.Combine(models, Production), Path.Combine(models, Candidate));
        var cardPath = Path.Combine(models, Candidate, ModelsFolder.CardFile);
        var card = JsonNode.Parse(File.ReadAllText(cardPath))!;
        card["version"] = Candidate;
        File.WriteAllText(cardPath, card.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Results:SqlitePath"] = Path.Combine(work.FullName, "results.db"),
            ["Models:Path"] = models,
        });
        builder.AddResultStores();
        builder.Services.AddMassTransitTestHarness(_ => { });
        host = builder.Build();
        await host.Services.GetTestHarness().Start();
        return host.Services;
    }

    [Fact]
    public async Task A_candidate_reviewers_found_worse_is_refused_and_force_promotes_it_anyway()
    {
        var services = await StartAsync();
        await ShadowRunAsync(services, candidateRight: 1, productionRight: 2);
        await using var scope = services.CreateAsyncScope();
        var promotions = scope.ServiceProvider.GetRequiredService<ModelPromotions>();

        var refused = await Assert.ThrowsAsync<PromotionRefusedException>(() =>
            promotions.PromoteAsync(new PromotionRequest(Candidate, "ana", "better?", Force: false), Token));
        Assert.Contains("2 images people reviewed", refused.Message);
        Assert.Equal(Production, services.GetRequiredService<ModelsFolder>().Registry.Read().Production);
        Assert.False(await services.GetTestHarness().Published.Any<ModelRegistryChanged>(Token));

        await promotions.PromoteAsync(new PromotionRequest(Candidate, "ana", "trust me", Force: true), Token);
        Assert.Equal(Candidate, services.GetRequiredService<ModelsFolder>().Registry.Read().Production);
        Assert.True(await services.GetTestHarness().Published.Any<ModelRegistryChanged>(m => m.Context.Message.Version == Candidate, Token));
    }

    [Theory]
    [InlineData("../../outside/model.onnx")]
    [InlineData("/tmp/../OUTSIDE/model.onnx")]
    public async Task A_card_whose_file_points_outside_its_version_folder_is_refused_even_when_forced(string file)
    {
        var services = await StartAsync();
        var models = services.GetRequiredService<ModelsFolder>();
        var candidate = models.VersionDirectory(Candidate);
        var outside = Directory.CreateDirectory(Path.Combine(work.FullName, "outside")).FullName;
        File.Move(Path.Combine(candidate, "model.onnx"), Path.Combine(outside, "model.onnx"));
        SetCardFile(candidate, file.Replace("/OUTSIDE", outside));
        await using var scope = services.CreateAsyncScope();

        // Before: the card's SHA-256 matched the file outside, and a forced promotion made it production.
        var refused = await Assert.ThrowsAsync<ModelUnavailableException>(() => scope.ServiceProvider.GetRequiredService<ModelPromotions>()
            .PromoteAsync(new PromotionRequest(Candidate, "ana", "trust me", Force: true), Token));
        Assert.Contains("not a file name in its version folder", refused.Message);
        Assert.Equal(Production, models.Registry.Read().Production);
    }

    [Fact]
    public async Task A_card_whose_file_is_a_link_is_refused_even_when_forced()
    {
        var services = await StartAsync();
        var models = services.GetRequiredService<ModelsFolder>();
        var candidate = models.VersionDirectory(Candidate);
        File.Delete(Path.Combine(candidate, "model.onnx"));
        File.CreateSymbolicLink(Path.Combine(candidate, "model.onnx"), Path.Combine(models.VersionDirectory(Production), "model.onnx"));
        await using var scope = services.CreateAsyncScope();

        var refused = await Assert.ThrowsAsync<ModelUnavailableException>(() => scope.ServiceProvider.GetRequiredService<ModelPromotions>()
            .PromoteAsync(new PromotionRequest(Candidate, "ana", "trust me", Force: true), Token));
        Assert.Contains("link", refused.Message);
        Assert.Equal(Production, models.Registry.Read().Production);
    }

    private static void SetCardFile(string versionDirectory, string file)
    {
        var cardPath = Path.Combine(versionDirectory, ModelsFolder.CardFile);
        var card = JsonNode.Parse(File.ReadAllText(cardPath))!;
        card["file"] = file;
        File.WriteAllText(cardPath, card.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    [Fact]
    public async Task A_candidate_at_least_as_good_on_reviewed_images_is_promoted()
    {
        var services = await StartAsync();
        await ShadowRunAsync(services, candidateRight: 2, productionRight: 1);
        await using var scope = services.CreateAsyncScope();

        var happened = await scope.ServiceProvider.GetRequiredService<ModelPromotions>()
            .PromoteAsync(new PromotionRequest(Candidate, "ana", "fewer mistakes on reviewed images", Force: false), Token);

        Assert.Equal((RegistryActions.Promote, Candidate, Production), (happened.Action, happened.Version, happened.Previous));
    }

    [Fact]
    public async Task Promoting_the_version_in_shadow_also_tells_the_workers_to_end_its_shadow_run()
    {
        var services = await StartAsync();
        await using var scope = services.CreateAsyncScope();
        var promotions = scope.ServiceProvider.GetRequiredService<ModelPromotions>();
        await promotions.ShadowAsync(Candidate, "ana", "try it", Token);

        await promotions.PromoteAsync(new PromotionRequest(Candidate, "ana", "it did well", Force: false), Token);

        Assert.Null(services.GetRequiredService<ModelsFolder>().Registry.Read().Shadow);
        Assert.True(await services.GetTestHarness().Published.Any<ModelRegistryChanged>(
            m => m.Context.Message is { Action: ModelRegistryAction.EndShadow, Version: Candidate }, Token));
    }

    /// <summary>Two reviewed images labelled by both versions; each version is right on as many as asked.</summary>
    private static async Task ShadowRunAsync(IServiceProvider services, int candidateRight, int productionRight)
    {
        var (results, shadow) = (services.GetRequiredService<IResultStore>(), services.GetRequiredService<IShadowStore>());
        var model = Outcomes.Model with { Version = Production };
        for (var i = 0; i < 2; i++)
        {
            var id = $"img-{i}";
            await results.SaveAsync(Outcomes.Classified(id, i < productionRight ? "shoes" : "hat", 0.9f, model), Token);
            await shadow.SaveAsync(Shadows.Of(id, i < candidateRight ? "shoes" : "hat", version: Candidate), Token);
            await results.SaveReviewAsync(Reviews.Of(id, "shoes", modelVersion: Production), Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.Services.GetTestHarness().Stop();
            host.Dispose();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        work.Delete(recursive: true);
    }
}
