using System.Diagnostics;

namespace Returns.Testing;

/// <summary>Things a hostile folder can hold that are not photos: FIFOs, links, link loops.</summary>
public static class SpecialFiles
{
    /// <summary>A named pipe: opening it for reading blocks until some writer opens it, which never happens here.</summary>
    public static string Fifo(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var mkfifo = Process.Start("mkfifo", [path]) ?? throw new InvalidOperationException("mkfifo did not start");
        mkfifo.WaitForExit();
        if (mkfifo.ExitCode != 0)
            throw new InvalidOperationException("mkfifo failed for " + path);
        return path;
    }

    /// <summary>Two folders linking to each other and each to the root: followed, they never end.</summary>
    public static void LinkLoops(string root)
    {
        var a = Directory.CreateDirectory(Path.Combine(root, "loop-a")).FullName;
        var b = Directory.CreateDirectory(Path.Combine(root, "loop-b")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(a, "to-b"), b);
        Directory.CreateSymbolicLink(Path.Combine(b, "to-a"), a);
        Directory.CreateSymbolicLink(Path.Combine(root, "to-root"), root);
    }

    /// <summary>A file whose name is not valid UTF-8 (Latin-1 "café.jpg"): .NET cannot name it, nor open it by name, nor
    /// delete it; disposing the result removes it.</summary>
    public static IDisposable InvalidUtf8Name(string folder)
    {
        Python("open(sys.argv[1].encode() + b'/caf\\xe9.jpg', 'wb').write(b'x')", folder);
        return new Removal(() => Python("os.remove(sys.argv[1].encode() + b'/caf\\xe9.jpg')", folder));
    }

    private static void Python(string code, string argument)
    {
        using var python = Process.Start("python3", ["-c", "import os, sys; " + code, argument]) ?? throw new InvalidOperationException("python3 did not start");
        python.WaitForExit();
        if (python.ExitCode != 0)
            throw new InvalidOperationException($"python3 failed: {code} {argument}");
    }

    private sealed class Removal(Action remove) : IDisposable
    {
        public void Dispose() => remove();
    }
}
