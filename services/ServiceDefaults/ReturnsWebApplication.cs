using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Returns.ServiceDefaults.Storage;

namespace Returns.ServiceDefaults;

public static class ReturnsWebApplication
{
    /// <summary>A web host whose content root is its own folder, so it loads its own appsettings.json wherever it is
    /// started from (run-local.sh starts every service from the repository root). An explicit content root wins.</summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var explicitRoot = args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT"));
        return WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = explicitRoot ? null : AppContext.BaseDirectory,
        });
    }

    /// <summary>Runs the service. A refusal to start (settings that fail validation, a store that cannot be used) is one
    /// line on standard error and exit code 1, not a stack trace logged by the host and then thrown again; after a
    /// storage fault stopped it, the exit code is 3.</summary>
    public static int RunOrRefuse(this WebApplication app)
    {
        try
        {
            // What ValidateOnStart would check inside StartAsync, checked first so the host has nothing to log.
            app.Services.GetService<IStartupValidator>()?.Validate();
            app.StartAsync().GetAwaiter().GetResult();
        }
        catch (Exception e) when (Refusal(e) is { } why)
        {
            // Not disposed: stopping a bus that never started only adds a second exception.
            Console.Error.WriteLine($"{app.Environment.ApplicationName} does not start: {why}");
            return 1;
        }
        try
        {
            app.WaitForShutdownAsync().GetAwaiter().GetResult();
        }
        finally
        {
            app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        return Environment.ExitCode;
    }

    private static string? Refusal(Exception e) => e switch
    {
        OptionsValidationException invalid => string.Join("; ", invalid.Failures.Distinct()),
        // Options registered by two modules fail twice with the same words: each reason once.
        AggregateException aggregate when aggregate.InnerExceptions.Select(Refusal).ToArray() is var all && all.All(r => r is not null)
            => string.Join("; ", all.SelectMany(r => r!.Split("; ")).Distinct()),
        _ when StorageFaults.Classify(e) is { } fault => fault.Message,
        _ => null,
    };
}
