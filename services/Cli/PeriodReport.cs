using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Returns.Results.Reports;
using Spectre.Console;

namespace Returns.Cli;

/// <summary>`returns report`: compiles a period's report from the results store in --data.</summary>
public static class PeriodReport
{
    public static async Task<int> ExecuteAsync(DateTimeOffset from, DateTimeOffset to, DirectoryInfo output, DirectoryInfo data,
        string[] settings, CancellationToken cancellationToken)
    {
        using var host = PipelineHost.Build(data, WorkerPlacement.External, [$"--Results:ReportsPath={output.FullName}", .. settings],
            transport: ServiceDefaults.Transports.InMemory);
        await host.StartAsync(cancellationToken);
        var compiled = await host.Services.GetRequiredService<ReportCompiler>().CompileAsync(from, to, cancellationToken);
        await host.StopAsync(CancellationToken.None);
        if (compiled is null)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]no results were stored between {from:u} and {to:u}[/]");
            return 1;
        }
        AnsiConsole.MarkupLineInterpolated(
            $"{compiled.Images} images: {compiled.Classified} classified, {compiled.NeedsRetake} need a retake, {compiled.Rejected} rejected, {compiled.NeedReview} need review; model {compiled.ModelVersion}");
        AnsiConsole.MarkupLineInterpolated($"report: {Path.Combine(output.FullName, compiled.Location)}");
        return 0;
    }
}
