using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Returns.Models.Files;

/// <summary>The few Linux calls .NET does not expose: openat2 (resolve without links, beneath a directory),
/// open with O_NOFOLLOW|O_NONBLOCK, and statx (whose layout, unlike struct stat, is the same on every architecture).</summary>
internal static class Native
{
    public const int ReadOnly = 0;
    public const int NonBlocking = 0x800;
    public const int CloseOnExec = 0x80000;
    public const int AtEmptyPath = 0x1000;
    public const uint StatxType = 0x1;
    public const uint StatxSize = 0x200;
    public const ushort FileTypeMask = 0xF000;
    public const ushort RegularFile = 0x8000;

    public const int ENOENT = 2, ENXIO = 6, EPERM = 1, EXDEV = 18, ENODEV = 19, ENOTDIR = 20, ENOSYS = 38, ELOOP = 40;

    private const long SysOpenat2 = 437; // the same number on x86-64 and arm64
    private const ulong ResolveNoMagicLinks = 0x02, ResolveNoSymlinks = 0x04, ResolveBeneath = 0x08;

    private static readonly bool Arm = RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm;
    public static readonly int NoFollow = Arm ? 0x8000 : 0x20000;
    public static readonly int Directory = Arm ? 0x4000 : 0x10000;

    private static bool openat2Missing;

    /// <summary>Opens <paramref name="relativePath"/> below <paramref name="directory"/>: openat2 refuses a link on
    /// any component (ELOOP) and any escape (EXDEV). Where a sandbox hides openat2, openat with O_NOFOLLOW guards
    /// the last component (the caller has already refused ".." and absolute paths).</summary>
    public static int OpenBeneath(SafeFileHandle directory, string relativePath, out int errno)
    {
        var flags = ReadOnly | NonBlocking | NoFollow | CloseOnExec;
        var dirfd = (int)directory.DangerousGetHandle();
        int fd;
        if (!openat2Missing)
        {
            var how = new OpenHow { Flags = (ulong)flags, Resolve = ResolveBeneath | ResolveNoSymlinks | ResolveNoMagicLinks };
            fd = (int)syscall(SysOpenat2, dirfd, relativePath, ref how, (nuint)Marshal.SizeOf<OpenHow>());
            errno = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
            if (fd >= 0 || errno is not (ENOSYS or EPERM))
                return fd;
            openat2Missing = true;
        }
        fd = openat(dirfd, relativePath, flags);
        errno = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
        return fd;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct OpenHow
    {
        public ulong Flags;
        public ulong Mode;
        public ulong Resolve;
    }

    [StructLayout(LayoutKind.Explicit, Size = 256)]
    public struct Statx
    {
        [FieldOffset(0)] public uint Mask;
        [FieldOffset(28)] public ushort Mode;
        [FieldOffset(40)] public ulong Size;
    }

    [DllImport("libc", SetLastError = true)]
    public static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int openat(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern long syscall(long number, int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, ref OpenHow how, nuint size);

    [DllImport("libc", SetLastError = true)]
    public static extern int statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, out Statx buffer);
}
