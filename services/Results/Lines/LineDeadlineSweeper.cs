using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Returns.Results.Storage;

namespace Returns.Results.Lines;

/// <summary>Gives a verdict (incomplete) to lines whose photos did not all arrive before Results:LineVerdictDeadline;
/// lines that got one from their photos are not touched.</summary>
public sealed partial class LineDeadlineSweeper(IServiceScopeFactory scopes, IOptions<ResultsOptions> options, TimeProvider clock,
    ILogger<LineDeadlineSweeper> logger) : BackgroundService
{
    private const int BatchSize = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.LineSweepInterval, clock);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogSweepFailed(e); // the next tick tries again
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var lines = scope.ServiceProvider.GetRequiredService<IReturnLineStore>();
        var assessor = scope.ServiceProvider.GetRequiredService<LineAssessor>();
        var publisher = scope.ServiceProvider.GetRequiredService<IPublishEndpoint>();
        var due = await lines.FindLinesWithoutVerdictAsync(clock.GetUtcNow() - options.Value.LineVerdictDeadline, BatchSize, cancellationToken);
        foreach (var line in due)
            await assessor.AssessAsync(line, publisher, cancellationToken);
    }

    [LoggerMessage(LogLevel.Warning, "Looking for lines past their verdict deadline failed")]
    private partial void LogSweepFailed(Exception exception);
}
