using Returns.ServiceDefaults.Http;
using Returns.Testing;

namespace Returns.Ops.Tests;

/// <summary>ops/run-local.sh as an operator uses it: one key that every service accepts, /metrics included, a way to keep
/// the system up after the drain, and a docs section that says what it starts, where and how long it takes.</summary>
public sealed class RunLocalTests
{
    private static readonly string Script = File.ReadAllText(Path.Combine(RepoPaths.Root, "ops", "run-local.sh"));
    private static readonly string Docs = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "running-distributed.md"));

    [Fact]
    public void The_session_key_has_the_metrics_scope_and_reaches_every_service_before_any_starts()
    {
        var exported = Script.IndexOf("export Authentication__ApiKeys__0__KeySha256", StringComparison.Ordinal);
        var scopes = Script.IndexOf($"Authentication__ApiKeys__0__Scopes__1={Scopes.Metrics}", StringComparison.Ordinal);
        var firstService = Script.IndexOf("Returns.Results.Api.dll", StringComparison.Ordinal);
        var workers = Script.IndexOf("Returns.Classifier.Worker.dll", StringComparison.Ordinal);

        Assert.True(exported > 0 && scopes > 0, "the key and its metrics scope are exported to every process");
        Assert.True(exported < firstService && scopes < firstService && firstService < workers, "the key is exported before the services start");
        Assert.Contains("export Authentication__ApiKeys__0__Name=run-local Authentication__ApiKeys__0__Scopes__0=read", Script);
        Assert.Contains("/metrics", Script);
    }

    [Fact]
    public void Keep_leaves_the_system_up_after_the_drain_and_no_build_skips_the_build()
    {
        Assert.Contains("--keep) keep=1", Script);
        Assert.Contains("if [ \"$keep\" = 1 ]", Script);
        Assert.Contains("--no-build) build=0", Script);
    }

    [Fact]
    public void Its_docs_list_its_ports_options_build_step_and_set_up_time()
    {
        var section = Docs[Docs.IndexOf("## ops/run-local.sh", StringComparison.Ordinal)..];
        if (section.IndexOf("\n#", 5, StringComparison.Ordinal) is > 0 and var end)
            section = section[..end];
        foreach (var word in new[] { "--workers", "--inbox", "--out", "--data", "--port", "--keep", "--no-build", "5679", "15679", "PORT+1",
                     "Release", "metrics", "seconds" })
            Assert.Contains(word, section);
    }
}
