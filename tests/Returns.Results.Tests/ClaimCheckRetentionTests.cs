using Microsoft.Extensions.Options;
using Returns.ServiceDefaults;
using Returns.Images.ClaimCheck;

namespace Returns.Results.Tests;

/// <summary>Months of simulated nights on a real claim-check folder: images that need a person stay for the review hold,
/// everything else goes after the grace period, so the folder never holds more than the last hold period's images.</summary>
public sealed class ClaimCheckRetentionTests : IDisposable
{
    private static readonly TimeSpan Hold = TimeSpan.FromDays(7);
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("returns-retention-");
    private readonly ManualClock clock = new() { Now = new DateTimeOffset(2026, 1, 1, 2, 0, 0, TimeSpan.Zero) };
    private readonly ClaimCheckStore store;
    private readonly ClaimCheckCleanup cleanup;

    public ClaimCheckRetentionTests()
    {
        store = new ClaimCheckStore(folder.FullName);
        cleanup = new ClaimCheckCleanup(store, Options.Create(new MessagingOptions
        {
            ClaimCheckGracePeriod = TimeSpan.FromMinutes(15), ReviewHoldPeriod = Hold,
        }), clock);
    }

    [Fact]
    public async Task Over_sixty_nights_the_folder_holds_at_most_the_images_held_for_review_in_the_last_hold_period()
    {
        var heldSince = new Dictionary<string, (DateTimeOffset Since, long Bytes)>();
        var largest = 0L;
        for (var night = 0; night < 60; night++)
        {
            for (var photo = 0; photo < 20; photo++)
            {
                var hold = photo % 4 == 0; // a quarter need a person: under the threshold, or a retake
                var (id, bytes) = await CommitAsync(Photo(night, photo));
                cleanup.OutcomeStored(id, duplicate: false, holdForReview: hold);
                if (hold)
                    heldSince[id] = (clock.GetUtcNow(), bytes);
            }
            if (night >= 3) // a held photo from three nights ago is sent again: its hold starts over, it is not deleted
            {
                var (id, bytes) = await CommitAsync(Photo(night - 3, 0));
                cleanup.OutcomeStored(id, duplicate: true, holdForReview: true);
                heldSince[id] = (clock.GetUtcNow(), bytes);
            }

            for (var hour = 0; hour < 24; hour++)
            {
                clock.Now += TimeSpan.FromHours(1);
                cleanup.Sweep();
            }

            var recent = heldSince.Where(h => h.Value.Since > clock.GetUtcNow() - Hold).ToArray();
            var stored = BlobBytes();
            Assert.True(stored <= recent.Sum(h => h.Value.Bytes), $"night {night}: {stored} bytes stored, more than the {recent.Length} images held");
            Assert.All(recent, h => Assert.True(File.Exists(Path.Combine(folder.FullName, h.Key)), $"night {night}: a held image is gone"));
            largest = Math.Max(largest, stored);
        }
        Assert.InRange(largest, 1, 8 * 5 * 2_100); // about seven nights of five held photos, never the 60 nights' 1 200
    }

    private async Task<(string Id, long Bytes)> CommitAsync(byte[] photo)
    {
        await using var staged = await store.StageAsync(new MemoryStream(photo), long.MaxValue, TestContext.Current.CancellationToken);
        store.Commit(staged);
        return (staged.Id, photo.Length);
    }

    private static byte[] Photo(int night, int photo)
    {
        var bytes = new byte[2_000 + photo];
        new Random(night * 1000 + photo).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Image bytes only: markers and staging files are not counted (they are empty or swept).</summary>
    private long BlobBytes() => folder.EnumerateFiles().Sum(f => f.Length);

    public void Dispose() => folder.Delete(recursive: true);
}
