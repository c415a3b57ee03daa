using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text.Json;
using Returns.Contracts;
using Returns.Testing;

namespace Returns.Pipeline.Tests;

/// <summary>`returns run` on an inbox built to hang or exhaust it, and told to stop: it finishes, records what it
/// skipped, and always honours SIGTERM.</summary>
public sealed class HostileInboxTests : IDisposable
{
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("returns-hostile-");

    private string Inbox => Path.Combine(work.FullName, "inbox");
    private string Out => Path.Combine(work.FullName, "report");
    private string Data => Path.Combine(work.FullName, "data");

    [Fact]
    public async Task Link_loops_and_a_fifo_named_like_a_photo_are_reported_as_skipped_and_the_run_finishes()
    {
        Directory.CreateDirectory(Inbox);
        File.Copy(RepoPaths.SamplePhoto(0), Path.Combine(Inbox, "real.jpg"));
        SpecialFiles.LinkLoops(Inbox);
        SpecialFiles.Fifo(Path.Combine(Inbox, "x.jpg"));

        // Before: the loops drove the run to 22.9 GB and the FIFO blocked it for ever; CliProcess gives up after 5 minutes.
        var (exit, output) = await CliProcess.RunAsync("run", "--inbox", Inbox, "--out", Out, "--data", Data);

        Assert.True(exit == 0, output);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(Out, "summary.json")));
        Assert.Equal(1, summary.RootElement.GetProperty("counts").GetProperty("classified").GetInt32());
        var skipped = summary.RootElement.GetProperty("rejected").EnumerateArray()
            .Single(g => g.GetProperty("reason").GetString() == RejectionReasons.NotARegularFile)
            .GetProperty("items").EnumerateArray().SelectMany(i => i.GetProperty("sourceNames").EnumerateArray()).Select(n => n.GetString()).Order();
        Assert.Equal(["loop-a/to-b", "loop-b/to-a", "to-root", "x.jpg"], skipped);
    }

    [Fact, SupportedOSPlatform("linux")]
    public async Task A_folder_of_the_inbox_that_cannot_be_listed_is_in_the_report_and_the_counts_with_its_reason()
    {
        Directory.CreateDirectory(Inbox);
        File.Copy(RepoPaths.SamplePhoto(0), Path.Combine(Inbox, "real.jpg"));
        var locked = Directory.CreateDirectory(Path.Combine(Inbox, "locked"));
        File.Copy(RepoPaths.SamplePhoto(1), Path.Combine(locked.FullName, "hidden.jpg"));
        File.SetUnixFileMode(locked.FullName, UnixFileMode.None);
        try
        {
            // Before: the listing error was ignored, and "locked" and its photo vanished from the report and the counts.
            var (exit, output) = await CliProcess.RunAsync(CliProcess.WithoutPermissionOverride,
                ["run", "--inbox", Inbox, "--out", Out, "--data", Data]);

            Assert.True(exit == 0, output);
            using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(Out, "summary.json")));
            Assert.Equal(1, summary.RootElement.GetProperty("counts").GetProperty("classified").GetInt32());
            var unreadable = summary.RootElement.GetProperty("rejected").EnumerateArray()
                .Single(g => g.GetProperty("reason").GetString() == RejectionReasons.Unreadable)
                .GetProperty("items").EnumerateArray().Single();
            Assert.Equal(["locked"], unreadable.GetProperty("sourceNames").EnumerateArray().Select(n => n.GetString()));
            Assert.Contains("could not be listed", unreadable.GetProperty("detail").GetString());
        }
        finally
        {
            File.SetUnixFileMode(locked.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public async Task Sigterm_in_the_middle_of_a_run_stops_it_cleanly_and_keeps_what_was_stored()
    {
        const int photos = 120;
        Inboxes.Variants(Inbox, photos);
        using var run = CliProcess.Start("run", "--inbox", Inbox, "--out", Out, "--data", Data, "--Classifier:BatchSize=2");
        var output = run.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var database = Path.Combine(Data, "results.db");
        while (!run.HasExited && (!File.Exists(database) || StoredRow.Read(database).Count < 10))
            await Task.Delay(20, TestContext.Current.CancellationToken);
        Assert.False(run.HasExited, "the run finished before it could be stopped: the signal would prove nothing");

        using (var kill = Process.Start("kill", ["-TERM", run.Id.ToString()])!)
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await run.WaitForExitAsync(patience.Token);

        var stored = StoredRow.Read(database).Count;
        Assert.True(run.ExitCode != 0 && stored is >= 10 and < photos, $"exit {run.ExitCode}, {stored} stored\n{await output}");
        var rerun = await CliProcess.RunAsync("run", "--inbox", Inbox, "--out", Out, "--data", Data);
        Assert.True(rerun.ExitCode == 0, rerun.Output);
        Assert.Equal(photos, StoredRow.Read(database).Count);
    }

    public void Dispose() => work.Delete(recursive: true);
}
