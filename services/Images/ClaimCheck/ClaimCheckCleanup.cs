using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Returns.ServiceDefaults;
using Returns.Contracts;

namespace Returns.Images.ClaimCheck;

/// <summary>
/// Deletes claim-check files once their outcome is stored: a duplicate at once, a first outcome after
/// Messaging:ClaimCheckGracePeriod (copies still in flight may read it until then), and an outcome that needs a person
/// after Messaging:ReviewHoldPeriod, so that a corrections export still finds the original. A stored outcome leaves a
/// marker in .stored/, dated when its grace period starts; staging files abandoned by a crash are swept after the
/// same grace period.
/// </summary>
public sealed class ClaimCheckCleanup(ClaimCheckStore store, IOptions<MessagingOptions> options, TimeProvider clock)
{
    /// <param name="duplicate">The outcome was already stored: this copy's bytes are not needed (unless held).</param>
    /// <param name="holdForReview">A person should look at this image: keep its bytes for the review hold period.</param>
    public void OutcomeStored(string imageId, bool duplicate, bool holdForReview = false)
    {
        if (!ImageId.IsWellFormed(imageId))
            return;
        var now = clock.GetUtcNow().UtcDateTime;
        var grace = options.Value.ClaimCheckGracePeriod;
        var marker = Path.Combine(store.Folder, ClaimCheckStore.StoredFolder, imageId);
        var held = File.Exists(marker) && File.GetLastWriteTimeUtc(marker) > now;
        if (holdForReview && options.Value.ReviewHoldPeriod > grace)
        {
            // Dated ahead, so that Sweep (marker time + grace) deletes it once the hold is over.
            Mark(marker, Later(marker, now + options.Value.ReviewHoldPeriod - grace));
            return;
        }
        if (held)
            return; // a second copy of a held image must not cut its hold short
        if (duplicate || grace <= TimeSpan.Zero)
        {
            store.Delete(imageId);
            return;
        }
        Mark(marker, now);
    }

    private static DateTime Later(string marker, DateTime time) =>
        File.Exists(marker) && File.GetLastWriteTimeUtc(marker) > time ? File.GetLastWriteTimeUtc(marker) : time;

    private static void Mark(string marker, DateTime time)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(marker)!);
        File.WriteAllBytes(marker, []);
        File.SetLastWriteTimeUtc(marker, time);
    }

    /// <summary>Deletes what has waited past the grace period; returns how many images were deleted.</summary>
    public int Sweep()
    {
        var due = clock.GetUtcNow().UtcDateTime - options.Value.ClaimCheckGracePeriod;
        var deleted = 0;
        foreach (var marker in Expired(ClaimCheckStore.StoredFolder, due))
        {
            store.Delete(marker.Name);
            deleted++;
        }
        foreach (var staged in Expired(ClaimCheckStore.StagingFolder, due))
            staged.Delete();
        return deleted;
    }

    private IEnumerable<FileInfo> Expired(string subfolder, DateTime due)
    {
        var folder = new DirectoryInfo(Path.Combine(store.Folder, subfolder));
        return folder.Exists ? folder.EnumerateFiles().Where(f => f.LastWriteTimeUtc <= due).ToArray() : [];
    }
}

/// <summary>Runs <see cref="ClaimCheckCleanup.Sweep"/> every minute in the process that stores outcomes.</summary>
public sealed class ClaimCheckSweeper(ClaimCheckCleanup cleanup, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), clock);
        do
        {
            try
            {
                cleanup.Sweep();
            }
            catch (IOException)
            {
                // A volume blip: the next tick tries again.
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
