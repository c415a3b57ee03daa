using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Returns.Contracts;
using Returns.Results.Shadow;
using Returns.Results.Storage;
using Returns.Testing;

namespace Returns.Staff.Tests;

/// <summary>An admin puts a candidate in shadow from the console, and the Model page compares it with production.</summary>
public sealed class ShadowPageTests : IAsyncLifetime
{
    private const string Page = "/admin/model-registry";
    private ConsoleHost host = null!;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => host = await ConsoleHost.StartAsync(Token);

    public ValueTask DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task An_admin_starts_a_shadow_run_and_the_model_page_shows_agreement_and_accuracy_on_reviewed_images()
    {
        using var admin = await host.SignedInAsync("ada", ConsoleHost.AdminPassword, Token);
        var said = await PostAsync(admin, "Shadow", new() { ["version"] = ModelsCopy.Previous, ["reason"] = "try v1 again" });
        Assert.Contains($"{ModelsCopy.Previous} now runs in shadow", said);
        await SeedShadowRunAsync();

        var model = await admin.GetStringAsync("/model", Token);

        Assert.Contains($"In shadow: {ModelsCopy.Previous}", model);
        Assert.Contains("<dt>Agreement</dt><dd>50.0 %</dd>", model);
        Assert.Contains($"{ModelsCopy.Previous} 100.0 %, {ModelsCopy.Production} 50.0 % (of 2)", model);
        Assert.Contains("try v1 again", model); // the history says why

        var ended = await PostAsync(admin, "EndShadow", []);
        Assert.Contains($"{ModelsCopy.Previous} no longer runs in shadow", ended);
        Assert.DoesNotContain("In shadow:", await admin.GetStringAsync("/model", Token));
    }

    [Fact]
    public async Task A_reviewer_cannot_start_a_shadow_run()
    {
        using var reviewer = await host.SignedInAsync("rita", ConsoleHost.ReviewerPassword, Token);

        using var response = await reviewer.GetAsync(Page, Token);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<string> PostAsync(HttpClient client, string handler, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await ConsoleHost.TokenAsync(client, Page, Token);
        using var response = await client.PostAsync($"{Page}?handler={handler}", new FormUrlEncodedContent(fields), Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Token));
    }

    /// <summary>Two images both versions labelled, both reviewed as shoes: production right once, the shadow twice.</summary>
    private async Task SeedShadowRunAsync()
    {
        var (results, shadow) = (host.Factory.Services.GetRequiredService<IResultStore>(), host.Factory.Services.GetRequiredService<IShadowStore>());
        var production = new ModelIdentity("clothing-mobilenetv2", ModelsCopy.Production, new string('a', 64));
        var at = DateTimeOffset.UtcNow;
        foreach (var (id, label) in new[] { ("img-1", "shoes"), ("img-2", "hat") })
        {
            await results.SaveAsync(StoredOutcome.From(new ImageClassified
            {
                ImageId = id, SourceName = id + ".jpg", Model = production, Label = label, Confidence = 0.9f, TopK = [new LabelScore(label, 0.9f)],
                ReceivedAt = at, ClassifiedAt = at,
            }), Token);
            await shadow.SaveAsync(new ShadowOutcome
            {
                ImageId = id, ModelVersion = ModelsCopy.Previous, ModelSha256 = new string('b', 64), Label = "shoes", Confidence = 0.8f,
                LatencyMs = 9, Worker = "worker-a", ClassifiedAt = at,
            }, Token);
            await results.SaveReviewAsync(StoredReview.From(new ImageReviewed
            {
                ReviewId = Guid.NewGuid(), ImageId = id, ModelVersion = ModelsCopy.Production, PreviousLabel = label, ReviewedLabel = "shoes",
                Reviewer = "rita", ReviewedAt = at,
            }), Token);
        }
    }
}
