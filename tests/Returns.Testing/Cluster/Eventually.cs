using System.Diagnostics;

namespace Returns.Testing.Cluster;

/// <summary>Waits for a condition with a deadline, never for a fixed time.</summary>
public static class Eventually
{
    public static async Task<TimeSpan> HoldsAsync(Func<Task<bool>> condition, TimeSpan deadline, Func<string> what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > deadline)
                throw new TimeoutException($"waited {deadline.TotalSeconds:F0} s for {what()}");
            await Task.Delay(500);
        }
        return clock.Elapsed;
    }
}
