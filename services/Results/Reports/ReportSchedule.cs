using Cronos;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Returns.Results.Reports;

/// <summary>Compiles the report of the last period each time Results:ReportCron comes round (default 06:00 UTC daily).</summary>
public sealed partial class ReportSchedule(ReportCompiler compiler, IOptions<ResultsOptions> options, TimeProvider clock,
    ILogger<ReportSchedule> logger) : BackgroundService
{
    /// <summary>The next period to report after <paramref name="now"/>: it ends at the next cron occurrence.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) NextPeriod(string cron, int hours, DateTimeOffset now)
    {
        var end = CronExpression.Parse(cron).GetNextOccurrence(now.UtcDateTime, inclusive: false)
            ?? throw new InvalidOperationException($"the cron expression '{cron}' never fires");
        var to = new DateTimeOffset(end, TimeSpan.Zero);
        return (to.AddHours(-hours), to);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.ReportCron))
            return;
        while (!stoppingToken.IsCancellationRequested)
        {
            var (from, to) = NextPeriod(options.Value.ReportCron, options.Value.ReportPeriodHours, clock.GetUtcNow());
            var wait = to - clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait, clock, stoppingToken);
            try
            {
                var compiled = await compiler.CompileAsync(from, to, stoppingToken);
                LogCompiled(from, to, compiled?.Location ?? "(nothing happened in the period)");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(e, from, to); // the next occurrence tries again; the on-demand command can fill the gap
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "Report for {From} – {To}: {Location}")]
    private partial void LogCompiled(DateTimeOffset from, DateTimeOffset to, string location);

    [LoggerMessage(LogLevel.Error, "Report for {From} – {To} failed")]
    private partial void LogFailed(Exception exception, DateTimeOffset from, DateTimeOffset to);
}
