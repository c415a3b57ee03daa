using System.Diagnostics;
using System.Globalization;
using Returns.Testing;

namespace Returns.Benchmarks.Million;

/// <summary>`returns report` over a data folder, as its own process under GNU time: the kernel's peak resident set of
/// that process (ru_maxrss) and its wall-clock time, nothing of the benchmark's own memory.</summary>
internal static class PeriodCompile
{
    public sealed record Measured(double Seconds, double PeakRssMiB, string Said);

    public static async Task<Measured> RunAsync(string data, DateTimeOffset from, DateTimeOffset to, string output)
    {
        var cli = Path.Combine(RepoPaths.Root, "services", "Cli", "bin", RepoPaths.Configuration, "net10.0", "returns.dll");
        var usage = Path.GetTempFileName();
        var info = new ProcessStartInfo("/usr/bin/time") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-f", "%M %e", "-o", usage, "dotnet", cli, "report", "--from", Stamp(from), "--to", Stamp(to), "--out", output, "--data", data })
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start /usr/bin/time (Debian package: time)");
        var said = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"returns report exited with {process.ExitCode}: {await said}{await errors}");
        var fields = (await File.ReadAllTextAsync(usage)).Trim().Split(' ');
        File.Delete(usage);
        return new Measured(double.Parse(fields[1], CultureInfo.InvariantCulture), double.Parse(fields[0], CultureInfo.InvariantCulture) / 1024,
            (await said).Trim());
    }

    private static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);
}
