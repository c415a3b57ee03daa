namespace Returns.Inference;

/// <summary>The processor this process runs on, as /proc/cpuinfo names it: ONNX Runtime picks its kernels by these flags,
/// so a figure that depends on them (an int8 model's probabilities) says where it was measured.</summary>
public sealed record ProcessorFeatures(string Model, IReadOnlySet<string> Flags)
{
    private static readonly Lazy<ProcessorFeatures> current = new(() => Read("/proc/cpuinfo"));

    public static ProcessorFeatures Current => current.Value;

    public static ProcessorFeatures Read(string cpuinfoPath)
    {
        if (!File.Exists(cpuinfoPath))
            return new ProcessorFeatures("unknown", new HashSet<string>());
        var lines = File.ReadLines(cpuinfoPath).TakeWhile(l => l.Length > 0).ToArray(); // the first processor
        string Field(string name) => lines.FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "";
        return new ProcessorFeatures(Field("model name"), Field("flags").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>The vector instruction sets among the flags, the ones that choose ONNX Runtime's kernels.</summary>
    public IEnumerable<string> VectorExtensions =>
        Flags.Where(f => f.StartsWith("avx", StringComparison.Ordinal) || f.StartsWith("sse4", StringComparison.Ordinal) || f is "fma" or "f16c" or "amx_int8")
            .Order(StringComparer.Ordinal);

    public bool HasAny(IEnumerable<string> flags) => flags.Any(Flags.Contains);

    public override string ToString() => $"{Model} ({string.Join(' ', VectorExtensions)})";
}
