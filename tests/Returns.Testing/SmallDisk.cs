using System.Diagnostics;

namespace Returns.Testing;

/// <summary>A tmpfs of a few MiB mounted on a folder (the tests run as root), to fill a data disk for real: writes
/// past it fail with ENOSPC exactly as on a full production volume. Unmounted on dispose.</summary>
public sealed class SmallDisk : IDisposable
{
    private readonly string filler;

    public SmallDisk(string mountPoint, int megabytes)
    {
        Directory.CreateDirectory(mountPoint);
        Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m,mode=0755", "tmpfs", mountPoint);
        MountPoint = mountPoint;
        filler = Path.Combine(mountPoint, "filler");
    }

    public string MountPoint { get; }

    /// <summary>Fills the disk until only <paramref name="leftBytes"/> stay free.</summary>
    public void Fill(long leftBytes)
    {
        File.Delete(filler);
        var free = new DriveInfo(MountPoint).AvailableFreeSpace;
        using var file = new FileStream(filler, FileMode.CreateNew, FileAccess.Write);
        var chunk = new byte[64 * 1024];
        for (var remaining = free - leftBytes; remaining > 0; remaining -= chunk.Length)
            file.Write(chunk, 0, (int)Math.Min(chunk.Length, remaining));
    }

    public void Free() => File.Delete(filler);

    public void Dispose() => Run("umount", "-l", MountPoint);

    private static void Run(string command, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(command, args) { RedirectStandardError = true })
            ?? throw new InvalidOperationException(command + " did not start");
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{command} {string.Join(' ', args)} failed: {error}");
    }
}
