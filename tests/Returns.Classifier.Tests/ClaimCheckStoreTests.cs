using Returns.Contracts;
using Returns.Images.ClaimCheck;
using Returns.Testing;

namespace Returns.Classifier.Tests;

/// <summary>The claim check as a message would use it: only names the store issued, inside its folder, regular files, capped.</summary>
public sealed class ClaimCheckStoreTests : IDisposable
{
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("returns-claim-check-");
    private readonly ClaimCheckStore store;

    public ClaimCheckStoreTests() => store = new ClaimCheckStore(Path.Combine(work.FullName, "store"));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("urn:file:../../etc/passwd")]
    [InlineData("urn:file:../outside.fifo")]
    [InlineData("file:///etc/passwd")]
    [InlineData("urn:returns:claim-check:../outside.fifo")]
    [InlineData("urn:returns:claim-check:/etc/passwd")]
    [InlineData("urn:returns:claim-check:0000000000000000000000000000000000000000000000000000000000000000/../../outside.fifo")]
    public async Task A_traversal_address_is_refused_without_a_read(string address)
    {
        // If the store opened this FIFO it would block for ever: the wait below would fail the test.
        SpecialFiles.Fifo(Path.Combine(work.FullName, "outside.fifo"));
        Directory.CreateDirectory(store.Folder);

        var refused = await Assert.ThrowsAsync<ClaimCheckRefusedException>(
            () => store.ReadAsync(new Uri(address), long.MaxValue, Token).WaitAsync(TimeSpan.FromSeconds(30), Token));

        Assert.Equal(RejectionReasons.ClaimCheckRefused, refused.Reason);
        Assert.DoesNotContain("/", refused.Message);
    }

    [Fact]
    public async Task Whether_a_file_outside_exists_cannot_be_told_from_the_refusal()
    {
        Directory.CreateDirectory(store.Folder);

        var existing = await Assert.ThrowsAsync<ClaimCheckRefusedException>(() => store.ReadAsync(new Uri("urn:file:../../../etc/passwd"), 100, Token));
        var missing = await Assert.ThrowsAsync<ClaimCheckRefusedException>(() => store.ReadAsync(new Uri("urn:file:../../../etc/no-such-file"), 100, Token));

        Assert.Equal((existing.Reason, existing.Message), (missing.Reason, missing.Message));
    }

    [Fact]
    public async Task An_entry_that_is_a_link_or_a_fifo_under_a_valid_name_is_refused_without_blocking()
    {
        Directory.CreateDirectory(store.Folder);
        var linked = new string('a', 64);
        var fifo = new string('b', 64);
        var device = new string('c', 64);
        File.CreateSymbolicLink(Path.Combine(store.Folder, linked), "/etc/hostname");
        SpecialFiles.Fifo(Path.Combine(store.Folder, fifo));
        File.CreateSymbolicLink(Path.Combine(store.Folder, device), "/dev/zero");

        foreach (var id in new[] { linked, fifo, device })
        {
            var refused = await Assert.ThrowsAsync<ClaimCheckRefusedException>(
                () => store.ReadAsync(ClaimCheckAddress.For(id), long.MaxValue, Token).WaitAsync(TimeSpan.FromSeconds(30), Token));
            Assert.Equal(RejectionReasons.ClaimCheckRefused, refused.Reason);
        }
    }

    [Fact]
    public async Task Bytes_are_streamed_in_committed_under_their_hash_and_read_back_only_within_the_cap()
    {
        var photo = File.ReadAllBytes(RepoPaths.SamplePhoto(0));
        await using var staged = await store.StageAsync(new MemoryStream(photo), maxBytes: photo.Length, Token);
        var commit = store.Commit(staged);
        await using var again = await store.StageAsync(new MemoryStream(photo), maxBytes: photo.Length, Token);
        var duplicate = store.Commit(again);

        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(photo)), commit.Reference.Id);
        Assert.True(commit.Created);
        Assert.False(duplicate.Created);
        Assert.Equal(photo, await store.ReadAsync(commit.Reference.Address, photo.Length, Token));
        var tooLarge = await Assert.ThrowsAsync<ClaimCheckRefusedException>(() => store.ReadAsync(commit.Reference.Address, photo.Length - 1, Token));
        Assert.Equal(RejectionReasons.TooLarge, tooLarge.Reason);
        Assert.Single(Directory.GetFiles(store.Folder, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task An_input_over_the_limit_is_hashed_whole_but_never_kept()
    {
        var big = new byte[10_000];
        Random.Shared.NextBytes(big);

        await using (var staged = await store.StageAsync(new MemoryStream(big), maxBytes: 1000, Token))
        {
            Assert.True(staged.TooLarge);
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(big)), staged.Id);
        }

        Assert.Empty(Directory.GetFiles(store.Folder, "*", SearchOption.AllDirectories));
    }

    public void Dispose() => work.Delete(recursive: true);
}
