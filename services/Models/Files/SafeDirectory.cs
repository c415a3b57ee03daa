using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Returns.Models.Files;

/// <summary>
/// Opens files below one directory the way a hostile folder requires: no link is followed on any part of the
/// path, nothing resolves outside the directory, and only regular files are opened, without blocking (a FIFO
/// or a device named photo.jpg is refused, never waited on or read).
/// </summary>
public sealed class SafeDirectory : IDisposable
{
    private readonly SafeFileHandle? handle;

    private SafeDirectory(string path, SafeFileHandle? handle)
    {
        Path = path;
        this.handle = handle;
    }

    public string Path { get; }

    /// <summary>Opens the directory itself (an operator-chosen path, so a link here is allowed).</summary>
    /// <exception cref="DirectoryNotFoundException">the directory does not exist or cannot be opened.</exception>
    public static SafeDirectory Open(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!OperatingSystem.IsLinux())
            return Directory.Exists(full) ? new SafeDirectory(full, null) : throw new DirectoryNotFoundException("the directory does not exist");
        var fd = Native.open(full, Native.ReadOnly | Native.Directory | Native.CloseOnExec);
        if (fd < 0)
            throw new DirectoryNotFoundException($"the directory cannot be opened (errno {Marshal.GetLastPInvokeError()})");
        return new SafeDirectory(full, new SafeFileHandle(fd, ownsHandle: true));
    }

    /// <summary>Opens <paramref name="relativePath"/> for reading if, and only if, it is a regular file reached
    /// without any link and without leaving this directory.</summary>
    public SafeOpenResult OpenRegularFile(string relativePath)
    {
        if (System.IO.Path.IsPathRooted(relativePath) || relativePath.Split('/', '\\').Any(s => s is ".." or ""))
            return SafeOpenResult.Refuse(FileRefusal.Outside);
        return handle is null ? OpenPortable(relativePath) : OpenLinux(relativePath);
    }

    private SafeOpenResult OpenLinux(string relativePath)
    {
        var fd = Native.OpenBeneath(handle!, relativePath, out var errno);
        if (fd < 0)
            return SafeOpenResult.Refuse(errno switch
            {
                Native.ELOOP => FileRefusal.Link,
                Native.EXDEV => FileRefusal.Outside,
                Native.ENOENT or Native.ENOTDIR => FileRefusal.Missing,
                Native.ENXIO or Native.ENODEV => FileRefusal.Special, // sockets and some devices refuse a non-blocking open
                _ => FileRefusal.Unreadable,
            });
        var file = new SafeFileHandle(fd, ownsHandle: true);
        if (Native.statx(fd, "", Native.AtEmptyPath, Native.StatxType | Native.StatxSize, out var status) != 0)
        {
            file.Dispose();
            return SafeOpenResult.Refuse(FileRefusal.Unreadable);
        }
        if ((status.Mode & Native.FileTypeMask) != Native.RegularFile)
        {
            file.Dispose();
            return SafeOpenResult.Refuse(FileRefusal.Special);
        }
        return SafeOpenResult.Open(new FileStream(file, FileAccess.Read, bufferSize: 0), (long)status.Size);
    }

    /// <summary>Where there is no openat2/statx: refuse links and anything not a plain file, then open.</summary>
    private SafeOpenResult OpenPortable(string relativePath)
    {
        var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(Path, relativePath));
        for (var dir = new DirectoryInfo(System.IO.Path.GetDirectoryName(full)!); dir.FullName.Length > Path.Length; dir = dir.Parent!)
            if (dir.LinkTarget is not null)
                return SafeOpenResult.Refuse(FileRefusal.Link);
        var info = new FileInfo(full);
        if (!info.Exists)
            return SafeOpenResult.Refuse(FileRefusal.Missing);
        if (info.LinkTarget is not null)
            return SafeOpenResult.Refuse(FileRefusal.Link);
        if ((info.Attributes & (FileAttributes.Device | FileAttributes.ReparsePoint | FileAttributes.Directory)) != 0)
            return SafeOpenResult.Refuse(FileRefusal.Special);
        var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        return SafeOpenResult.Open(stream, stream.Length);
    }

    public void Dispose() => handle?.Dispose();
}

public enum FileRefusal { None, Link, Special, Outside, Missing, Unreadable }

/// <summary>An open regular file and its size, or why it was not opened.</summary>
public readonly record struct SafeOpenResult(FileStream? Stream, long Length, FileRefusal Refusal)
{
    public static SafeOpenResult Open(FileStream stream, long length) => new(stream, length, FileRefusal.None);

    public static SafeOpenResult Refuse(FileRefusal refusal) => new(null, 0, refusal);

    public static string Describe(FileRefusal refusal) => refusal switch
    {
        FileRefusal.Link => "a symbolic link; links are never followed",
        FileRefusal.Special => "not a regular file (a FIFO, socket, device or directory)",
        FileRefusal.Outside => "the name leads outside its folder",
        FileRefusal.Missing => "the file does not exist",
        _ => "the file could not be read",
    };
}
