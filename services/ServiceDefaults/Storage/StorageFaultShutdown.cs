using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Returns.ServiceDefaults.Storage;

/// <summary>For a long-running service: a storage fault stops the process with exit code 3 and one clear log line, so
/// that the orchestrator shows it failing instead of a service that looks healthy while every write fails.</summary>
public sealed partial class StorageFaultShutdown(StorageFaults faults, IHostApplicationLifetime lifetime, ILogger<StorageFaultShutdown> logger)
    : BackgroundService
{
    public const int ExitCode = 3;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var fault = await faults.Faulted.WaitAsync(stoppingToken);
        LogStopping(fault.Message);
        Environment.ExitCode = ExitCode;
        lifetime.StopApplication();
    }

    [LoggerMessage(LogLevel.Critical, "Storage fault, stopping: {Fault}")]
    private partial void LogStopping(string fault);
}
