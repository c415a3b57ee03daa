using Returns.Testing;

namespace Returns.Ops.Tests;

/// <summary>A service that refuses to start says why in one line and exits non-zero: no stack trace, no second copy
/// of the same exception for an operator to scroll through.</summary>
public sealed class StartupRefusalTests : IDisposable
{
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("returns-refusal-");

    [Theory]
    [InlineData("Results.Api", "Returns.Results.Api")]
    [InlineData("Ingest.Api", "Returns.Ingest.Api")]
    public async Task A_distributed_service_without_api_keys_refuses_in_one_line_with_a_nonzero_exit(string project, string assembly)
    {
        using var service = ServiceProcess.Start(project, assembly, [], new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Messaging__Transport"] = "RabbitMq",
            ["Messaging__RabbitMq__Username"] = "returns-results",
            ["Messaging__RabbitMq__Password"] = "not used: the service stops before it connects",
            ["Messaging__ClaimCheckPath"] = Path.Combine(work.FullName, "claim-check"),
            ["Results__SqlitePath"] = Path.Combine(work.FullName, "results.db"),
            ["OTEL_SDK_DISABLED"] = "true",
        }, Path.Combine(work.FullName, project + ".log"));

        var exit = await service.WaitForExitAsync(TimeSpan.FromSeconds(60));
        var lines = service.Output().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        Assert.NotEqual(0, exit);
        var refusal = Assert.Single(lines, l => l.Contains("does not start", StringComparison.Ordinal));
        Assert.Contains("no API keys are configured", refusal);
        Assert.Contains("docs/SECURITY.md", refusal);
        // Before: "Unhandled exception. Microsoft.Extensions.Options.OptionsValidationException: …" and its stack trace,
        // after the host had logged the same exception once already.
        Assert.DoesNotContain(lines, l => l.StartsWith("at ", StringComparison.Ordinal) || l.Contains("Exception", StringComparison.Ordinal));
    }

    public void Dispose() => work.Delete(recursive: true);
}
