using Microsoft.AspNetCore.Builder;

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
}
