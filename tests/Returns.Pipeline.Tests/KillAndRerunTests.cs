using System.Text.Json;
using Returns.Testing;

namespace Returns.Pipeline.Tests;

public sealed class KillAndRerunTests : IDisposable
{
    private const int Photos = 120;
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("returns-kill-");

    [Fact]
    public async Task A_run_killed_halfway_and_started_again_finishes_with_exactly_one_result_per_image()
    {
        var inbox = Inboxes.Variants(Path.Combine(work.FullName, "inbox"), Photos);
        var data = Path.Combine(work.FullName, "data");
        var output = Path.Combine(work.FullName, "report");

        // Small batches make the run long enough to be caught in the middle.
        using (var doomed = CliProcess.Start("run", "--inbox", inbox, "--out", output, "--data", data, "--Classifier:BatchSize=2"))
        {
            var storedAtKill = await WaitForStoredRows(data, atLeast: 10, doomed);
            doomed.Kill(entireProcessTree: true); // SIGKILL: no shutdown, no flush
            await doomed.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.True(storedAtKill < Photos, $"the run had finished ({storedAtKill} stored) before it was killed: the fault did not happen");
        }
        var afterKill = NightlyRunTests.StoredRows(data);

        var rerun = await CliProcess.RunAsync("run", "--inbox", inbox, "--out", output, "--data", data);

        Assert.True(rerun.ExitCode == 0, rerun.Output);
        Assert.Equal(Photos, NightlyRunTests.StoredRows(data));
        using var run = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "run.json")));
        Assert.True(run.RootElement.GetProperty("alreadyDone").GetInt32() >= afterKill, "the rerun classified again what was already stored");
        Assert.Equal(Photos - run.RootElement.GetProperty("alreadyDone").GetInt32(), run.RootElement.GetProperty("published").GetInt32());
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "summary.json")));
        var counts = summary.RootElement.GetProperty("counts");
        Assert.Equal(Photos, counts.GetProperty("classified").GetInt32() + counts.GetProperty("needsRetake").GetInt32());
    }

    private static async Task<int> WaitForStoredRows(string data, int atLeast, System.Diagnostics.Process process)
    {
        var database = Path.Combine(data, "results.db");
        while (!process.HasExited)
        {
            if (File.Exists(database))
            {
                var rows = NightlyRunTests.StoredRows(data);
                if (rows >= atLeast)
                    return rows;
            }
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
        throw new InvalidOperationException($"the run exited ({process.ExitCode}) before storing {atLeast} results");
    }

    public void Dispose() => work.Delete(recursive: true);
}
