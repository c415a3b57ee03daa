using System.Diagnostics;
using Returns.Testing;

namespace Returns.Pipeline.Tests;

/// <summary>Runs the real `returns` command in a child process, exactly as a user or cron would.</summary>
public sealed class CliProcess
{
    public static string Dll => Path.Combine(RepoPaths.Root, "services", "Cli", "bin", RepoPaths.Configuration, "net10.0", "returns.dll");

    public static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Dll);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        return Process.Start(info) ?? throw new InvalidOperationException("could not start " + Dll);
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        using var process = Start(args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
