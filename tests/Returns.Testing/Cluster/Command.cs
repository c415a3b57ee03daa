using System.Diagnostics;

namespace Returns.Testing.Cluster;

/// <summary>Runs a system command (ip, bash) to its end and fails with its output when it fails.</summary>
public static class Command
{
    public static async Task<string> RunAsync(string file, params string[] args)
    {
        var (exit, output) = await TryAsync(file, args);
        if (exit != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {exit}: {output}");
        return output;
    }

    public static async Task<(int ExitCode, string Output)> TryAsync(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + file);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    /// <summary>Blocking form, for cleanup paths that run from Dispose.</summary>
    public static void Try(string file, params string[] args) => TryAsync(file, args).GetAwaiter().GetResult();
}
