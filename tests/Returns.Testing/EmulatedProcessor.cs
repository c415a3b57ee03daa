using System.Diagnostics;
using System.Reflection;

namespace Returns.Testing;

/// <summary>
/// Scores an ONNX model with ONNX Runtime's own C library, natively or under qemu-x86_64 with an older processor model
/// (Haswell: AVX2, FMA, no AVX-512, no VNNI), so one machine checks what another processor computes. qemu's emulator
/// implements AVX2 but no AVX-512 and no VNNI, whatever model it is given, and ONNX Runtime picks its kernels from the
/// CPUID that qemu reports. The harness is native/ort-run.c, compiled here against the ONNX Runtime that serving loads.
/// </summary>
public sealed class EmulatedProcessor : IDisposable
{
    public const string Emulated = "Haswell";

    private readonly string directory;
    private readonly string harness;

    private EmulatedProcessor(string directory)
    {
        this.directory = directory;
        harness = Path.Combine(directory, "ort-run");
    }

    /// <summary>Why the check cannot run here (no gcc, no qemu-user, no ONNX Runtime header), or null.</summary>
    public static string? SkipReason { get; } = FindSkipReason();

    public static EmulatedProcessor Build()
    {
        var processor = new EmulatedProcessor(Directory.CreateTempSubdirectory("returns-ort-run-").FullName);
        var library = Path.Combine(processor.directory, "libonnxruntime.so.1"); // the library's SONAME
        File.Copy(Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libonnxruntime.so"), library);
        Run("gcc", ["-O2", "-o", processor.harness, Path.Combine(RepoPaths.Root, "tests", "Returns.Testing", "native", "ort-run.c"),
            "-I", HeaderDirectory()!, library, $"-Wl,-rpath,{processor.directory}"]);
        return processor;
    }

    /// <summary>The model's output for a float32 [N,3,H,W] tensor, one row per image, on this processor.</summary>
    public float[][] RunNative(string model, string input, string output, float[] tensor, int[] shape) =>
        Score(harness, [], model, input, output, tensor, shape);

    /// <summary>The same, as an AVX2 processor without AVX-512 or VNNI computes it.</summary>
    public float[][] RunEmulated(string model, string input, string output, float[] tensor, int[] shape) =>
        Score("qemu-x86_64", ["-cpu", Emulated, harness], model, input, output, tensor, shape);

    private float[][] Score(string program, string[] prefix, string model, string input, string output, float[] tensor, int[] shape)
    {
        var tensorPath = Path.Combine(directory, $"tensor-{Guid.NewGuid():N}.f32");
        File.WriteAllBytes(tensorPath, System.Runtime.InteropServices.MemoryMarshal.AsBytes(tensor.AsSpan()).ToArray());
        var printed = Run(program, [.. prefix, model, input, output, tensorPath, .. shape.Select(d => d.ToString())]);
        return printed.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => float.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray())
            .ToArray();
    }

    private static string Run(string program, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {program}");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} exited with {process.ExitCode}: {stderr.Result}");
        return stdout;
    }

    /// <summary>onnxruntime_c_api.h from the NuGet package the tests were restored with.</summary>
    private static string? HeaderDirectory()
    {
        var root = typeof(EmulatedProcessor).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "NuGetPackageRoot")?.Value;
        var version = typeof(Microsoft.ML.OnnxRuntime.InferenceSession).Assembly.GetName().Version;
        if (string.IsNullOrEmpty(root) || version is null)
            return null;
        var include = Path.Combine(root, "microsoft.ml.onnxruntime", $"{version.Major}.{version.Minor}.{version.Build}", "build", "native", "include");
        return File.Exists(Path.Combine(include, "onnxruntime_c_api.h")) ? include : null;
    }

    private static string? FindSkipReason()
    {
        if (!OnPath("gcc"))
            return "gcc not found: the cross-processor check needs it to build its ONNX Runtime harness; NOT checked";
        if (!OnPath("qemu-x86_64"))
            return "qemu-x86_64 not found (Debian package qemu-user): the cross-processor check did NOT run";
        return HeaderDirectory() is null ? "onnxruntime_c_api.h not found in the NuGet package folder; the cross-processor check did NOT run" : null;
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, program)));

    public void Dispose()
    {
        if (Directory.Exists(directory))
            Directory.Delete(directory, recursive: true);
    }
}
