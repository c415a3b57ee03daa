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

    public static string SamplePhoto(int index = 0) =>
        Directory.GetFiles(SampleInbox, "*.jpg").Where(f => !Path.GetFileName(f).StartsWith("broken-", StringComparison.Ordinal)
            && !Path.GetFileName(f).StartsWith("resubmitted-", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ElementAt(index);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Returns.sln")))
                return dir.FullName;
        throw new DirectoryNotFoundException("Returns.sln not found above " + AppContext.BaseDirectory);
    }
}
