using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Returns.Contracts;
using Returns.Ingest.Inbox;
using Returns.Images.ClaimCheck;
using Returns.Testing;

namespace Returns.Ingest.Tests;

public sealed class InboxScannerTests : IAsyncLifetime
{
    private readonly DirectoryInfo inbox = Directory.CreateTempSubdirectory("returns-inbox-");
    private readonly DirectoryInfo claimCheck = Directory.CreateTempSubdirectory("returns-claim-check-");
    private HarnessHost host = null!;

    public async ValueTask InitializeAsync()
    {
        host = await HarnessHost.StartAsync(new()
            {
                ["ImageLimits:MaxBytes"] = "200000",
                ["Messaging:ClaimCheckPath"] = claimCheck.FullName,
                ["Ingest:InboxMaxDepth"] = "3",
                ["Ingest:InboxMaxEntries"] = "50",
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
        Assert.Equal(2, host.Harness.Published.Select<ImageReceived>().Count());
        Assert.Equal(3, host.Harness.Published.Select<ImageRejected>().Count());

        var received = host.Harness.Published.Select<ImageReceived>().Single(m => m.Context.Message.SourceName == "a.jpg").Context.Message;
        Assert.Equal((ImageId.Of(photo), "night-1"), (received.ImageId, received.RunId));
        Assert.Equal(photo, await host.Services.GetRequiredService<ClaimCheckStore>().ReadAsync(received.Image.Address, long.MaxValue, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Images_that_already_have_an_outcome_are_not_published_again()
    {
        var photo = File.ReadAllBytes(RepoPaths.SamplePhoto(0));
        Write("a.jpg", photo);
        Write("b.jpg", File.ReadAllBytes(RepoPaths.SamplePhoto(1)));
        var done = ImageId.Of(photo);

        var results = await Drain((id, _) => Task.FromResult(id == done));

        Assert.Equal(IngestStatus.AlreadyDone, results.Single(r => r.SourceName == "a.jpg").Status);
        Assert.Equal("b.jpg", host.Harness.Published.Select<ImageReceived>().Single().Context.Message.SourceName);
    }

    [Fact]
    public async Task Directory_link_loops_and_links_out_of_the_inbox_are_recorded_and_never_entered()
    {
        var outside = Directory.CreateTempSubdirectory("returns-outside-");
        try
        {
            File.WriteAllBytes(Path.Combine(outside.FullName, "secret.jpg"), File.ReadAllBytes(RepoPaths.SamplePhoto(2)));
            Write("a.jpg", File.ReadAllBytes(RepoPaths.SamplePhoto(0)));
            SpecialFiles.LinkLoops(inbox.FullName);
            Directory.CreateSymbolicLink(Path.Combine(inbox.FullName, "elsewhere"), outside.FullName);
            File.CreateSymbolicLink(Path.Combine(inbox.FullName, "zero.jpg"), "/dev/zero");

            var results = await Drain().WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

            Assert.Equal(["a.jpg"], results.Where(r => r.Status == IngestStatus.Published).Select(r => r.SourceName));
            Assert.Equal(["elsewhere", "loop-a/to-b", "loop-b/to-a", "to-root", "zero.jpg"],
                results.Where(r => r.Reason == RejectionReasons.NotARegularFile).Select(r => r.SourceName).Order(StringComparer.Ordinal));
            Assert.Equal(6, results.Count);
            Assert.DoesNotContain(host.Harness.Published.Select<ImageReceived>(), m => m.Context.Message.SourceName.Contains("secret"));
        }
        finally
        {
            outside.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_fifo_named_like_a_photo_is_skipped_with_its_reason_and_does_not_block()
    {
        SpecialFiles.Fifo(Path.Combine(inbox.FullName, "x.jpg"));
        Write("y.jpg", File.ReadAllBytes(RepoPaths.SamplePhoto(0)));

        var results = await Drain().WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        var fifo = results.Single(r => r.SourceName == "x.jpg");
        Assert.Equal((IngestStatus.Rejected, RejectionReasons.NotARegularFile), (fifo.Status, fifo.Reason));
        Assert.Contains("FIFO", fifo.Detail);
        Assert.Equal(IngestStatus.Published, results.Single(r => r.SourceName == "y.jpg").Status);
    }

    [Fact]
    public async Task A_name_that_is_not_valid_utf8_is_reported_as_an_invalid_name_not_as_a_link()
    {
        using var file = SpecialFiles.InvalidUtf8Name(inbox.FullName);

        var result = Assert.Single(await Drain());

        // Before: "not_a_regular_file", "a symbolic link; links are never followed".
        Assert.Equal((IngestStatus.Rejected, RejectionReasons.InvalidName), (result.Status, result.Reason));
        Assert.Contains("UTF-8", result.Detail);
    }

    [Fact]
    public async Task Folders_past_the_depth_limit_and_entries_past_the_count_limit_are_recorded_as_not_read()
    {
        Write("1/2/3/4/deep.jpg", File.ReadAllBytes(RepoPaths.SamplePhoto(0)));
        for (var i = 0; i < 60; i++)
            Write($"many/{i:D2}.jpg", []);

        var results = await Drain();

        Assert.Equal(RejectionReasons.TooDeep, results.Single(r => r.SourceName == "1/2/3/4").Reason);
        Assert.Equal(RejectionReasons.InboxLimit, results.Single(r => r.SourceName == "many").Reason);
        Assert.True(results.Count <= 52, $"{results.Count} results for a 50-entry limit");
    }

    [Fact]
    public async Task Without_return_folders_a_folder_that_looks_like_a_return_and_line_is_just_a_folder()
    {
        Write("2026-11-23/batch-1/a.jpg", File.ReadAllBytes(RepoPaths.SamplePhoto(0)));

        await Drain();

        Assert.Empty(host.Harness.Published.Select<PhotoAttached>());
        var received = Assert.Single(host.Harness.Published.Select<ImageReceived>()).Context.Message;
        Assert.Equal((null, null), (received.ReturnId, received.LineId));
    }

    [Fact]
    public async Task A_cancelled_drain_starts_no_new_file_and_reports_every_file_it_published()
    {
        const int files = 40; // several times the files in flight (Ingest:InboxConcurrency, 8)
        for (var i = 0; i < files; i++)
            Write($"{i:00}.jpg", [.. File.ReadAllBytes(RepoPaths.SamplePhoto(i % 30)), .. BitConverter.GetBytes(i)]);
        using var stop = new CancellationTokenSource();
        var seen = 0;
        await using var scope = host.Services.CreateAsyncScope();
        var scanner = scope.ServiceProvider.GetRequiredService<InboxScanner>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => scanner.DrainAsync(inbox, "night-1", (_, _) => Task.FromResult(false),
            _ =>
            {
                if (++seen == 2)
                    stop.Cancel();
            }, stop.Token));

        Assert.InRange(seen, 2, 2 + 8);
        Assert.Equal(seen, host.Harness.Published.Select<ImageReceived>().Count());
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
