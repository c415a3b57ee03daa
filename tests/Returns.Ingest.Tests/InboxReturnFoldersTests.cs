using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Returns.Contracts;
using Returns.Ingest.Inbox;
using Returns.Images.ClaimCheck;
using Returns.Testing;

namespace Returns.Ingest.Tests;

/// <summary>With Ingest:InboxReturnFolders the inbox is laid out as &lt;return id&gt;/&lt;line id&gt;/photo, and each photo is
/// attached to its line before it is sent on.</summary>
public sealed class InboxReturnFoldersTests : IAsyncLifetime
{
    private readonly DirectoryInfo inbox = Directory.CreateTempSubdirectory("returns-inbox-");
    private readonly DirectoryInfo claimCheck = Directory.CreateTempSubdirectory("returns-claim-check-");
    private HarnessHost host = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        host = await HarnessHost.StartAsync(new()
            {
                ["Messaging:ClaimCheckPath"] = claimCheck.FullName,
                ["Ingest:InboxReturnFolders"] = "true",
            },
            builder => builder.AddIngest());
    }

    public async ValueTask DisposeAsync()
    {
        await host.DisposeAsync();
        inbox.Delete(recursive: true);
        claimCheck.Delete(recursive: true);
    }

    [Fact]
    public async Task A_photo_in_a_return_and_line_folder_is_attached_to_that_line_and_carries_it()
    {
        var photo = File.ReadAllBytes(RepoPaths.SamplePhoto(0));
        Write("R-1042/2/front.jpg", photo);

        await DrainAsync((_, _) => Task.FromResult(false));

        var attached = Assert.Single(host.Harness.Published.Select<PhotoAttached>()).Context.Message;
        Assert.Equal((ImageId.Of(photo), "R-1042", "2", "R-1042/2/front.jpg"), (attached.ImageId, attached.ReturnId, attached.LineId, attached.SourceName));
        var received = Assert.Single(host.Harness.Published.Select<ImageReceived>()).Context.Message;
        Assert.Equal(("R-1042", "2"), (received.ReturnId, received.LineId));
    }

    [Fact]
    public async Task A_photo_already_classified_is_still_attached_to_its_new_line_but_not_sent_again()
    {
        Write("R-7/1/again.jpg", File.ReadAllBytes(RepoPaths.SamplePhoto(1)));

        var result = Assert.Single(await DrainAsync((_, _) => Task.FromResult(true)));

        Assert.Equal(IngestStatus.AlreadyDone, result.Status);
        var attached = Assert.Single(host.Harness.Published.Select<PhotoAttached>()).Context.Message;
        Assert.Equal(("R-7", "1"), (attached.ReturnId, attached.LineId));
        Assert.Empty(host.Harness.Published.Select<ImageReceived>());
    }

    [Fact]
    public async Task Photos_outside_the_return_and_line_depth_are_ingested_without_a_line()
    {
        Write("loose.jpg", File.ReadAllBytes(RepoPaths.SamplePhoto(2)));
        Write("R-8/no-line.jpg", File.ReadAllBytes(RepoPaths.SamplePhoto(3)));
        Write("R-9/1/extra/deep.jpg", File.ReadAllBytes(RepoPaths.SamplePhoto(4)));

        var results = await DrainAsync((_, _) => Task.FromResult(false));

        Assert.Equal(3, results.Count(r => r.Status == IngestStatus.Published));
        Assert.Empty(host.Harness.Published.Select<PhotoAttached>());
        Assert.All(host.Harness.Published.Select<ImageReceived>(), m => Assert.Null(m.Context.Message.LineId));
    }

    private async Task<IReadOnlyList<IngestResult>> DrainAsync(Func<string, CancellationToken, Task<bool>> alreadyDone)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InboxScanner>().DrainAsync(inbox, "night-1", alreadyDone, null, Token);
    }

    private void Write(string name, byte[] bytes)
    {
        var path = Path.Combine(inbox.FullName, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }
}
