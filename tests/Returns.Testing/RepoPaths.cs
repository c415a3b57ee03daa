namespace Returns.Testing;

/// <summary>Finds the repository and what lives beside it, wherever the test binaries run from.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string SampleInbox => Path.Combine(Root, "services", "Cli", "sample-inbox");

    public static string Models => Path.Combine(Root, "models");

    /// <summary>clothing-small: RETURNS_DATASET, else ../shared/datasets/clothing-small beside the clone.</summary>
    public static string Dataset =>
        Environment.GetEnvironmentVariable("RETURNS_DATASET") is { Length: > 0 } path
            ? path
            : Path.GetFullPath(Path.Combine(Root, "..", "shared", "datasets", "clothing-small"));

    /// <summary>The build configuration these tests were built in, so child processes use the same one.</summary>
    public static string Configuration => AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";

    /// <summary>One of the 30 ordinary photos of the sample inbox (not the broken files, the resubmitted copy or the
    /// photo that needs a retake).</summary>
    public static string SamplePhoto(int index = 0) =>
        Directory.GetFiles(SampleInbox, "*.jpg").Where(f => !SpecialPrefixes.Any(Path.GetFileName(f).StartsWith))
            .Order(StringComparer.Ordinal).ElementAt(index);

    private static readonly string[] SpecialPrefixes = ["broken-", "resubmitted-", "retake-"];

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Returns.sln")))
                return dir.FullName;
        throw new DirectoryNotFoundException("Returns.sln not found above " + AppContext.BaseDirectory);
    }
}
