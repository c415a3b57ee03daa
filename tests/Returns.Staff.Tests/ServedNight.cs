using System.Diagnostics;
using Returns.Testing;

namespace Returns.Staff.Tests;

/// <summary>
/// `returns serve` on the store of a real night: `returns run` classifies 3,000 distinct photos (plus two broken files)
/// into the same data folder first, with a private copy of the models folder (so pressing Promote changes nothing in the
/// repository). Labels under 0.999 go to review, so the queue is never empty and the original photos are kept.
/// </summary>
public sealed class ServedNight : ServedConsole
{
    public const int Photos = 3_000;
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("returns-night-");

    public string NightReport => Path.Combine(work.FullName, "report", "report.html");
    public TimeSpan RunTime { get; private set; }
    private string Models => Path.Combine(work.FullName, "models");

    protected override string[] Settings => ["--Results:LowConfidenceThreshold=0.999", $"--Models:Path={Models}"];

    protected override async Task PrepareAsync()
    {
        ModelsCopy.Create(Models);
        var (inbox, _) = Inboxes.Unique(Path.Combine(work.FullName, "inbox"), Photos);
        foreach (var broken in new[] { "broken-truncated.jpg", "broken-not-an-image.jpg" })
            File.Copy(Path.Combine(RepoPaths.SampleInbox, broken), Path.Combine(inbox, broken));
        var clock = Stopwatch.StartNew();
        await RunCliAsync(["run", "--inbox", inbox, "--data", Data, "--out", Path.Combine(work.FullName, "report"), "--run-id", "night-3000", .. Settings]);
        RunTime = clock.Elapsed;
        Directory.Delete(inbox, recursive: true);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        work.Delete(recursive: true);
    }
}
