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

        Assert.Equal(["classifier", "grafana", "ingest", "jaeger", "mongodb", "otel-collector", "prometheus", "rabbitmq", "results"], services);
        Assert.Contains("management", Service("rabbitmq").Text("image"));
        Assert.Contains("--replSet", ((YamlSequenceNode)Service("mongodb").At("command")!).Select(n => n.ToString()));
        Assert.True(int.Parse(Service("classifier").Text("deploy", "replicas")!) >= 2);
    }

    [Theory]
    [InlineData("ingest")]
    [InlineData("results")]
    [InlineData("classifier")]
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
