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
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("returns-ingest-api-");
    private WebApplicationFactory<Program> factory = null!;
    private ITestHarness harness = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseSetting("Messaging:Transport", "InMemory")
            .UseSetting("Messaging:ClaimCheckPath", folder.FullName)
            .UseSetting("Ingest:ApiKey", Key)
            .ConfigureServices(services => services.AddMassTransitTestHarness()));
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
        Assert.Equal(("RMA-1001", ImageIds.FromBytes(photo)), (received.ReturnId, received.ImageId));
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
