using Returns.Testing;
using YamlDotNet.RepresentationModel;

namespace Returns.Ops.Tests;

public sealed class DockerComposeTests
{
    private static readonly YamlMappingNode Compose = Yaml.Documents(Path.Combine(RepoPaths.Root, "docker-compose.yml")).Single();

    private static YamlMappingNode Service(string name) => (YamlMappingNode)Compose.At("services", name)!;

    [Fact]
    public void It_runs_the_broker_the_database_and_every_service_with_several_classifiers()
    {
        var services = ((YamlMappingNode)Compose.At("services")!).Children.Keys.Select(k => k.ToString()).Order();

        Assert.Equal(["classifier", "grafana", "ingest", "jaeger", "mongodb", "otel-collector", "prometheus", "rabbitmq", "rabbitmq-users", "results",
            "returns", "staff"], services);
        Assert.Contains("management", Service("rabbitmq").Text("image"));
        Assert.Contains("--replSet", ((YamlSequenceNode)Service("mongodb").At("command")!).Select(n => n.ToString()));
        Assert.True(int.Parse(Service("classifier").Text("deploy", "replicas")!) >= 2);
    }

    [Theory]
    [InlineData("ingest")]
    [InlineData("results")]
    [InlineData("classifier")]
    [InlineData("staff")]
    public void Each_service_builds_a_project_that_exists_and_shares_the_claim_check_volume(string name)
    {
        var service = Service(name);
        var project = service.Text("build", "args", "PROJECT")!;

        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, project)), project);
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, service.Text("build", "dockerfile")!)));
        Assert.Equal(Path.GetFileNameWithoutExtension(project), service.Text("build", "args", "ASSEMBLY"));
        Assert.Contains("claim-check:/var/lib/returns/claim-check", ((YamlSequenceNode)service.At("volumes")!).Select(v => v.ToString()));
        Assert.Equal("RabbitMq", service.Text("environment", "Messaging__Transport"));
    }
}

public sealed class ComposeSecurityTests
{
    private static readonly YamlMappingNode Compose = Yaml.Documents(Path.Combine(RepoPaths.Root, "docker-compose.yml")).Single();

    private static IEnumerable<(string Name, YamlMappingNode Service)> Services() =>
        ((YamlMappingNode)Compose.At("services")!).Children.Select(c => (c.Key.ToString(), (YamlMappingNode)c.Value));

    [Fact]
    public void No_credential_is_written_in_the_compose_file_every_one_comes_from_an_env_file()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "docker-compose.yml"));

        Assert.DoesNotContain("guest", text);
        foreach (var (name, service) in Services())
        {
            var environment = service.At("environment") as YamlMappingNode;
            var keys = environment?.Children.Keys.Select(k => k.ToString()) ?? [];
            Assert.DoesNotContain(keys, k => k.Contains("Password", StringComparison.OrdinalIgnoreCase)
                || k.Contains("ApiKeys", StringComparison.Ordinal) || k.Contains("_PASS", StringComparison.Ordinal)
                || k.Contains("ConnectionString", StringComparison.Ordinal));
        }
        foreach (var name in new[] { "ingest", "results", "classifier", "rabbitmq", "rabbitmq-users", "mongodb" })
            Assert.Contains(((YamlSequenceNode)Services().Single(s => s.Name == name).Service.At("env_file")!).Select(n => n.ToString()),
                file => file.StartsWith("ops/compose/", StringComparison.Ordinal) && file.EndsWith(".env", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_the_ingest_api_is_published_beyond_the_host_and_mongodb_runs_with_auth()
    {
        foreach (var (name, service) in Services())
        {
            var ports = (service.At("ports") as YamlSequenceNode)?.Select(p => p.ToString()) ?? [];
            Assert.All(ports, port => Assert.True(name == "ingest" || port.StartsWith("127.0.0.1:", StringComparison.Ordinal), $"{name} publishes {port}"));
        }
        Assert.Empty((Services().Single(s => s.Name == "rabbitmq").Service.At("ports") as YamlSequenceNode)?
            .Select(p => p.ToString()).Where(p => p.Contains("5672:") && !p.Contains("15672")) ?? []);
        Assert.Contains("--auth", ((YamlSequenceNode)Services().Single(s => s.Name == "mongodb").Service.At("command")!).Select(n => n.ToString()));
    }

    [Fact]
    public void Generated_secrets_are_never_committed()
    {
        var ignored = File.ReadAllLines(Path.Combine(RepoPaths.Root, ".gitignore"));

        Assert.Contains("/ops/compose/*.env", ignored);
        Assert.Contains("/ops/k8s/secrets/*.env", ignored);
    }
}
