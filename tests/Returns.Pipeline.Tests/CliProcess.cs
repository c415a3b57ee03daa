using System.Diagnostics;
using Returns.Testing;

namespace Returns.Pipeline.Tests;

/// <summary>Runs the real `returns` command in a child process, exactly as a user or cron would.</summary>
public sealed class CliProcess
{
    public static string Dll => Path.Combine(RepoPaths.Root, "services", "Cli", "bin", RepoPaths.Configuration, "net10.0", "returns.dll");

    public static Process Start(params string[] args) => Start(launcher: [], args);

    /// <summary>Root without the capabilities that let it read any file (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH): file
    /// permissions then deny it as they deny any other user, although the tests themselves run as root.</summary>
    public static readonly string[] WithoutPermissionOverride =
        ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-dac_override,-dac_read_search"];

    public static Process Start(string[] launcher, string[] args)
    {
        var info = new ProcessStartInfo(launcher.Length > 0 ? launcher[0] : "dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var part in launcher.Skip(1).Append(launcher.Length > 0 ? "dotnet" : null).OfType<string>())
            info.ArgumentList.Add(part);
        info.ArgumentList.Add(Dll);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        return Process.Start(info) ?? throw new InvalidOperationException("could not start " + Dll);
    }

    public static Task<(int ExitCode, string Output)> RunAsync(params string[] args) => RunAsync(launcher: [], args);

    public static async Task<(int ExitCode, string Output)> RunAsync(string[] launcher, string[] args)
    {
        using var process = Start(launcher, args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
