using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Returns.Classifier;
using Returns.Results;
using Returns.ServiceDefaults;
using Returns.Staff;
using Returns.Staff.Users;
using Spectre.Console;

namespace Returns.Cli;

/// <summary>`returns serve`: the staff console with the whole pipeline in this one process, on localhost only.</summary>
public static class StaffServer
{
    public static WebApplication Build(DirectoryInfo data, int port, string[] overrides)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new DataFolder(data).Settings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [$"{MessagingOptions.Section}:Transport"] = Transports.InMemory });
        builder.Configuration.AddOverrides(overrides);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);

        builder.AddStaffHost();
        builder.AddClassifier();
        builder.AddResultsReportSchedule();
        builder.AddReturnsMessaging(bus =>
        {
            bus.AddClassifierConsumers(builder);
            bus.AddResultsConsumers();
        });

        return builder.Build().UseStaffHost();
    }

    public static async Task<int> RunAsync(DirectoryInfo data, int port, string[] overrides, CancellationToken cancellationToken)
    {
        await using var app = Build(data, port, overrides);
        await app.StartAsync(cancellationToken);
        var users = await app.Services.GetRequiredService<IStaffUserStore>().ListAsync(cancellationToken);
        AnsiConsole.MarkupLineInterpolated($"[green]Returns console[/] on [link]http://127.0.0.1:{port}/[/] (data in {data.FullName}); Ctrl+C stops it.");
        if (users.Count == 0)
            AnsiConsole.MarkupLineInterpolated($"[yellow]No users yet.[/] Create the first admin: returns users add NAME --role admin --data {data.FullName}");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
        await app.StopAsync(CancellationToken.None);
        return 0;
    }
}
