using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Returns.ServiceDefaults.ClaimCheck;

/// <summary>
/// Deletes claim-check files once their outcome is stored: a duplicate at once, a first outcome after
/// Messaging:ClaimCheckGracePeriod (copies still in flight may read it until then). A stored outcome leaves a
/// marker in .stored/; staging files abandoned by a crash are swept after the same grace period.
/// </summary>
public sealed class ClaimCheckCleanup(ClaimCheckStore store, IOptions<MessagingOptions> options, TimeProvider clock)
{
    public void OutcomeStored(string imageId, bool duplicate)
    {
        if (!ClaimCheckAddress.IsId(imageId))
            return;
        if (duplicate || options.Value.ClaimCheckGracePeriod <= TimeSpan.Zero)
        {
            store.Delete(imageId);
            return;
        }
        var markers = Directory.CreateDirectory(Path.Combine(store.Folder, ClaimCheckStore.StoredFolder));
        var marker = Path.Combine(markers.FullName, imageId);
        File.WriteAllBytes(marker, []);
        File.SetLastWriteTimeUtc(marker, clock.GetUtcNow().UtcDateTime);
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
