using Returns.Models;
using Returns.Results.Shadow;
using Spectre.Console;

namespace Returns.Cli;

/// <summary>
/// In one process, the shadow's copies of the night's images live in memory and end with the process. Production
/// finishes first (the shadow takes one batch at a time), so a run that stopped there would leave the candidate only
/// the first part of the night, a biased sample to compare on. This waits for the shadow to catch up: until it has
/// stored as many new outcomes as images were sent, it stops making progress for a while, or --timeout passes.
/// </summary>
public sealed class ShadowDrain(IShadowStore shadows, ModelsFolder models)
{
    private static readonly TimeSpan Stalled = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    private string? version;
    private int before;

    /// <summary>Notes the shadow version and its outcome count before anything is published.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        version = models.Registry.Read().Shadow;
        before = version is null ? 0 : await shadows.CountAsync(version, cancellationToken);
    }

    public bool Active => version is not null;

    /// <returns>How many of the images sent this run the shadow did not classify.</returns>
    public async Task<int> WaitAsync(int sent, ProgressTask bar, CancellationToken deadline)
    {
        bar.MaxValue = Math.Max(sent, 1);
        var done = 0;
        var lastProgress = DateTimeOffset.UtcNow;
        while (done < sent && !deadline.IsCancellationRequested && DateTimeOffset.UtcNow - lastProgress < Stalled)
        {
            var now = await shadows.CountAsync(version!, CancellationToken.None) - before;
            if (now > done)
                lastProgress = DateTimeOffset.UtcNow;
            done = now;
            bar.Value = Math.Min(done, sent);
            try
            {
                await Task.Delay(Poll, deadline);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        return Math.Max(0, sent - done);
    }
}
