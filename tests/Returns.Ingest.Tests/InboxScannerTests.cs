using MassTransit;
using MassTransit.MessageData;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Returns.Contracts;
using Returns.Ingest.Inbox;
using Returns.Testing;

namespace Returns.Ingest.Tests;

public sealed class InboxScannerTests : IAsyncLifetime
{
    private readonly DirectoryInfo inbox = Directory.CreateTempSubdirectory("returns-inbox-");
    private IHost host = null!;
    private ITestHarness harness = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Ingest:MaxBytes"] = "200000" });
        builder.AddIngest();
        builder.Services.AddSingleton<IMessageDataRepository>(new InMemoryMessageDataRepository());
        builder.Services.AddMassTransitTestHarness();
        host = builder.Build();
        harness = host.Services.GetTestHarness();
        await harness.Start();
    }

    public async ValueTask DisposeAsync()
    {
        await harness.Stop();
        host.Dispose();
        inbox.Delete(recursive: true);
    }

    [Fact]
    public async Task Every_file_in_the_inbox_ends_published_or_recorded_as_rejected()
    {
        var photo = File.ReadAllBytes(RepoPaths.SamplePhoto(0));
        Write("a.jpg", photo);
        Write("tonight/b.jpg", File.ReadAllBytes(RepoPaths.SamplePhoto(1)));
        Write("empty.jpg", []);
        Write("huge.jpg", new byte[300_000]);
        File.CreateSymbolicLink(Path.Combine(inbox.FullName, "link-to-secrets.jpg"), "/etc/passwd");

        var results = await Drain();

        Assert.Equal(5, results.Count);
        Assert.Equal(["a.jpg", "tonight/b.jpg"], results.Where(r => r.Status == IngestStatus.Published).Select(r => r.SourceName).Order());
        Assert.Equal(
            [("empty.jpg", RejectionReasons.Empty), ("huge.jpg", RejectionReasons.TooLarge), ("link-to-secrets.jpg", RejectionReasons.NotARegularFile)],
            results.Where(r => r.Status == IngestStatus.Rejected).Select(r => (r.SourceName, r.Reason!)).Order());
        Assert.Equal(2, harness.Published.Select<ImageReceived>().Count());
        Assert.Equal(3, harness.Published.Select<ImageRejected>().Count());

        var received = harness.Published.Select<ImageReceived>().Single(m => m.Context.Message.SourceName == "a.jpg").Context.Message;
        Assert.Equal((ImageIds.FromBytes(photo), "night-1"), (received.ImageId, received.RunId));
        Assert.Equal(photo, await received.Image.Value);
    }

    [Fact]
    public async Task Images_that_already_have_an_outcome_are_not_published_again()
    {
        var photo = File.ReadAllBytes(RepoPaths.SamplePhoto(0));
        Write("a.jpg", photo);
        Write("b.jpg", File.ReadAllBytes(RepoPaths.SamplePhoto(1)));
        var done = ImageIds.FromBytes(photo);

        var results = await Drain((id, _) => Task.FromResult(id == done));

        Assert.Equal(IngestStatus.AlreadyDone, results.Single(r => r.SourceName == "a.jpg").Status);
        Assert.Equal("b.jpg", harness.Published.Select<ImageReceived>().Single().Context.Message.SourceName);
    }

    private async Task<IReadOnlyList<IngestResult>> Drain(Func<string, CancellationToken, Task<bool>>? alreadyDone = null)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var scanner = scope.ServiceProvider.GetRequiredService<InboxScanner>();
        return await scanner.DrainAsync(inbox, "night-1", alreadyDone ?? ((_, _) => Task.FromResult(false)), null, TestContext.Current.CancellationToken);
    }

    private void Write(string name, byte[] bytes)
    {
        var path = Path.Combine(inbox.FullName, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }
}
