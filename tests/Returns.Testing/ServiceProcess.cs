using System.Diagnostics;

namespace Returns.Testing;

/// <summary>One of the project's own programs running as a child process, its output kept in a log file.</summary>
public sealed class ServiceProcess : IDisposable
{
    private readonly Process process;
    private readonly StreamWriter log;

    private ServiceProcess(Process process, string logPath)
    {
        this.process = process;
        LogPath = logPath;
        log = new StreamWriter(logPath) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string LogPath { get; }
    public bool HasExited => process.HasExited;
    public int ExitCode => process.ExitCode;

    /// <summary>Starts services/&lt;project&gt;/bin/&lt;configuration&gt;/net10.0/&lt;assembly&gt;.dll.</summary>
    /// <param name="networkNamespace">Run it on that host of a <see cref="Cluster.TestNetwork"/> (`ip netns exec`, which
    /// execs dotnet in place: the process id is still the service's own).</param>
    public static ServiceProcess Start(string project, string assembly, IEnumerable<string> args,
        IReadOnlyDictionary<string, string> environment, string logPath, string? workingDirectory = null, string? networkNamespace = null)
    {
        var dll = Path.Combine(RepoPaths.Root, "services", project, "bin", RepoPaths.Configuration, "net10.0", assembly + ".dll");
        var info = new ProcessStartInfo(networkNamespace is null ? "dotnet" : "ip")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        if (workingDirectory is not null)
            info.WorkingDirectory = workingDirectory;
        if (networkNamespace is not null)
            foreach (var arg in new[] { "netns", "exec", networkNamespace, "dotnet" })
                info.ArgumentList.Add(arg);
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        foreach (var (key, value) in environment)
            info.Environment[key] = value;
        return new ServiceProcess(Process.Start(info) ?? throw new InvalidOperationException("could not start " + dll), logPath);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        return process.ExitCode;
    }

    public int Id => process.Id;

    /// <summary>Processor time the running process has used so far, every core added up.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    /// <summary>SIGSTOP, or SIGCONT when <paramref name="frozen"/> is false: the process keeps its state and connections
    /// but runs no instruction in between, as a worker stalled on a busy machine would.</summary>
    public void Freeze(bool frozen = true)
    {
        using var signal = Process.Start("kill", [frozen ? "-STOP" : "-CONT", Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        signal.WaitForExit();
        if (signal.ExitCode != 0)
            throw new InvalidOperationException($"kill {(frozen ? "-STOP" : "-CONT")} {Id} exited with {signal.ExitCode}");
    }

    /// <summary>SIGKILL: no shutdown hook runs, nothing is flushed or acknowledged.</summary>
    public void Kill()
    {
        if (!process.HasExited)
            process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public string Output()
    {
        lock (log)
            log.Flush();
        using var reader = new StreamReader(new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        return reader.ReadToEnd();
    }

    private void Write(string? line)
    {
        if (line is null)
            return;
        lock (log)
            log.WriteLine(line);
    }

    public void Dispose()
    {
        Kill();
        process.Dispose();
        lock (log)
            log.Dispose();
    }
}
