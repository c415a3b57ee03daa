using System.Diagnostics;
using System.Text;
using Returns.Testing;

namespace Returns.Training.Tests;

/// <summary>What models/training/train.sh did: its exit code, everything it printed, and how long it took.</summary>
public sealed record TrainResult(int ExitCode, string Output, TimeSpan Took);

/// <summary>Runs the real models/training/train.sh (C# steps, PyTorch, ONNX export) as a person would.</summary>
public static class TrainCommand
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(6);

    public static TrainResult Run(params string[] args)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(RepoPaths.Root, "models", "training", "train.sh"));
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        info.Environment["NO_COLOR"] = "1";
        var output = new StringBuilder();
        var started = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start train.sh");
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"train.sh ran for more than {Limit}:\n{output}");
        }
        process.WaitForExit(); // drains the redirected output
        lock (output)
            return new TrainResult(process.ExitCode, output.ToString(), started.Elapsed);
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
            return;
        lock (output)
            output.AppendLine(line);
    }
}
