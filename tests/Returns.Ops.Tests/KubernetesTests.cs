using Microsoft.Extensions.Configuration;
using Returns.Contracts;
using Returns.ServiceDefaults;
using Returns.Testing;
using YamlDotNet.RepresentationModel;

namespace Returns.Ops.Tests;

public sealed class KubernetesTests
{
    private static readonly string Folder = Path.Combine(RepoPaths.Root, "ops", "k8s");

    private static IReadOnlyList<YamlMappingNode> Manifests() =>
        Yaml.Documents(Path.Combine(Folder, "kustomization.yaml")).Single().At("resources") is YamlSequenceNode resources
            ? resources.SelectMany(r => Yaml.Documents(Path.Combine(Folder, r.ToString()))).ToArray()
            : [];

    [Fact]
    public void Every_resource_named_by_the_kustomization_exists_and_is_a_named_kubernetes_object()
    {
        var manifests = Manifests();

        Assert.NotEmpty(manifests);
        Assert.All(manifests, m =>
        {
            Assert.False(string.IsNullOrEmpty(m.Text("apiVersion")));
            Assert.False(string.IsNullOrEmpty(m.Text("kind")));
            Assert.False(string.IsNullOrEmpty(m.Text("metadata", "name")));
        });
    }

    [Fact]
    public void Classifier_workers_scale_on_the_length_of_the_queue_they_consume()
    {
        var manifests = Manifests();
        var scaled = manifests.Single(m => m.Text("kind") == "ScaledObject");
        var trigger = ((YamlSequenceNode)scaled.At("spec", "triggers")!).Cast<YamlMappingNode>().Single();

        Assert.Equal("rabbitmq", trigger.Text("type"));
        Assert.Equal(QueueNames.Classifier, trigger.Text("metadata", "queueName"));
        var target = scaled.Text("spec", "scaleTargetRef", "name");
        Assert.Contains(manifests, m => m.Text("kind") == "Deployment" && m.Text("metadata", "name") == target);
        var authentication = trigger.Text("authenticationRef", "name");
        Assert.Contains(manifests, m => m.Text("kind") == "TriggerAuthentication" && m.Text("metadata", "name") == authentication);
    }

    [Fact]
    public void Deployments_mount_the_shared_claim_check_and_read_messaging_settings_that_exist()
    {
        var manifests = Manifests();
        var config = manifests.Single(m => m.Text("kind") == "ConfigMap");
        var claimCheck = manifests.Single(m => m.Text("kind") == "PersistentVolumeClaim");

        Assert.Contains("ReadWriteMany", ((YamlSequenceNode)claimCheck.At("spec", "accessModes")!).Select(n => n.ToString()));
        Assert.All(((YamlMappingNode)config.At("data")!).Children.Keys.Select(k => k.ToString()),
            key => Assert.StartsWith(MessagingOptions.Section + "__", key));
        foreach (var deployment in manifests.Where(m => m.Text("kind") == "Deployment"))
        {
            var claim = ((YamlSequenceNode)deployment.At("spec", "template", "spec", "volumes")!).Cast<YamlMappingNode>()
                .Single().Text("persistentVolumeClaim", "claimName");
            Assert.Equal(claimCheck.Text("metadata", "name"), claim);
        }
    }

    [Fact]
    public void The_messaging_settings_give_every_service_all_three_broker_nodes()
    {
        var config = Manifests().Single(m => m.Text("kind") == "ConfigMap");
        var settings = ((YamlMappingNode)config.At("data")!).Children
            .ToDictionary(kv => kv.Key.ToString().Replace("__", ":", StringComparison.Ordinal), kv => (string?)kv.Value.ToString());

        var options = new ConfigurationBuilder().AddInMemoryCollection(settings).Build()
            .GetSection(MessagingOptions.Section).Get<MessagingOptions>()!;

        var nodes = options.RabbitMq.Nodes();
        Assert.Equal(3, nodes.Select(n => n.Host).Distinct().Count());
        Assert.All(nodes, n => Assert.Equal(5672, n.Port));
    }

    [Fact]
    public void Credentials_come_from_generated_secrets_one_per_service_never_from_literals()
    {
        var manifests = Manifests();
        var kustomization = Yaml.Documents(Path.Combine(Folder, "kustomization.yaml")).Single();
        var generated = ((YamlSequenceNode)kustomization.At("secretGenerator")!).Cast<YamlMappingNode>().Select(g => g.Text("name")).ToArray();

        Assert.DoesNotContain(manifests, m => m.Text("kind") == "Secret");
        Assert.DoesNotContain("guest", string.Join("\n", Directory.GetFiles(Folder, "*.yaml").Select(File.ReadAllText)));
        foreach (var deployment in manifests.Where(m => m.Text("kind") == "Deployment"))
        {
            var container = ((YamlSequenceNode)deployment.At("spec", "template", "spec", "containers")!).Cast<YamlMappingNode>().Single();
            var secrets = ((YamlSequenceNode)container.At("envFrom")!).Cast<YamlMappingNode>().Select(e => e.Text("secretRef", "name")).Where(n => n is not null);
            Assert.Equal(["returns-" + deployment.Text("metadata", "name")], secrets);
            Assert.Contains("returns-" + deployment.Text("metadata", "name"), generated);
        }
    }
}
