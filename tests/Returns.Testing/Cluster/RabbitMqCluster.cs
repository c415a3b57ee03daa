using System.Net.Http.Json;
using System.Text.Json;

namespace Returns.Testing.Cluster;

/// <summary>
/// Three RabbitMQ nodes from Debian's rabbitmq-server on hosts broker-1..3 of a <see cref="TestNetwork"/>, clustered
/// (rabbit@&lt;address&gt;, long names, one Erlang cookie, one set of users) through ops/rabbitmq-node.sh. Quorum queues
/// declared once all three have joined have a member on each.
/// </summary>
public sealed class RabbitMqCluster : IAsyncDisposable
{
    public const int AmqpPort = 5672;
    private const int ManagementPort = AmqpPort + 10000;
    private static readonly string[] Roles = ["admin", "ingest", "classifier", "results", "ops", "staff", "upstream"];

    private static readonly string Script = Path.Combine(RepoPaths.Root, "ops", "rabbitmq-node.sh");
    private readonly string directory = System.IO.Directory.CreateTempSubdirectory("returns-cluster-").FullName;
    private readonly Dictionary<string, string> passwords = Roles.ToDictionary(r => r, _ => Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()));
    private readonly HttpClient management = new() { Timeout = TimeSpan.FromSeconds(5) };

    private RabbitMqCluster(IReadOnlyList<NetworkHost> nodes)
    {
        Nodes = nodes;
        management.DefaultRequestHeaders.Authorization = new("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{RabbitMqNode.UserName("admin")}:{passwords["admin"]}")));
    }

    public IReadOnlyList<NetworkHost> Nodes { get; }

    public static string NodeName(NetworkHost host) => "rabbit@" + host.Address;

    public NetworkHost HostOf(string nodeName) => Nodes.Single(n => NodeName(n) == nodeName);

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public static async Task<RabbitMqCluster> StartAsync(TestNetwork network)
    {
        var hosts = new List<NetworkHost>();
        for (var i = 1; i <= 3; i++)
            hosts.Add(await network.AddHostAsync($"broker-{i}", 10 + i));
        var cluster = new RabbitMqCluster(hosts);
        try
        {
            cluster.WriteSharedSecrets();
            await Task.WhenAll(hosts.Select(cluster.StartNodeAsync));
            foreach (var host in hosts.Skip(1))
                await cluster.ScriptAsync(host, "join", NodeName(hosts[0]));
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        return cluster;
    }

    /// <summary>One Erlang cookie and one users.env for every node: the users live in the cluster's shared schema.</summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private void WriteSharedSecrets()
    {
        var cookie = Convert.ToHexString(Guid.NewGuid().ToByteArray());
        var users = string.Concat(Roles.Select(r => $"RETURNS_{r.ToUpperInvariant()}_PASSWORD={passwords[r]}\n"));
        foreach (var host in Nodes)
        {
            var folder = NodeDirectory(host);
            System.IO.Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, ".erlang.cookie"), cookie);
            File.SetUnixFileMode(Path.Combine(folder, ".erlang.cookie"), UnixFileMode.UserRead);
            File.WriteAllText(Path.Combine(folder, "users.env"), users);
            File.SetUnixFileMode(Path.Combine(folder, "users.env"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private string NodeDirectory(NetworkHost host) => Path.Combine(directory, host.Name);

    /// <summary>Starts the node on its data folder: a node that was stopped rejoins the cluster by itself.</summary>
    public Task StartNodeAsync(NetworkHost host) => ScriptAsync(host, "start", AmqpPort.ToString(), "--address", host.Address);

    /// <summary>rabbitmqctl stop: the whole Erlang node goes away, as a machine shut down would.</summary>
    public Task StopNodeAsync(NetworkHost host) => ScriptAsync(host, "stop");

    public async Task<string> CreateVirtualHostAsync(string name)
    {
        var running = await RunningNodesAsync();
        await ScriptAsync(Nodes.First(n => running.Contains(NodeName(n))), "users", name);
        return name;
    }

    /// <summary>The environment of a Returns process connecting as <paramref name="role"/>, given every node, its
    /// preferred one first.</summary>
    public IReadOnlyDictionary<string, string> Credentials(string role, string virtualHost, int preferred, string prefix = "")
    {
        var environment = new Dictionary<string, string>
        {
            [prefix + "Messaging__Transport"] = "RabbitMq",
            [prefix + "Messaging__RabbitMq__Port"] = AmqpPort.ToString(),
            [prefix + "Messaging__RabbitMq__VirtualHost"] = virtualHost,
            [prefix + "Messaging__RabbitMq__Username"] = RabbitMqNode.UserName(role),
            [prefix + "Messaging__RabbitMq__Password"] = passwords[role],
        };
        for (var i = 0; i < Nodes.Count; i++)
            environment[prefix + $"Messaging__RabbitMq__Hosts__{i}"] = Nodes[(preferred + i) % Nodes.Count].Address;
        return environment;
    }

    /// <summary>A queue as the cluster sees it, from the management API of the first node that answers.</summary>
    public async Task<ClusterQueue> QueueAsync(string virtualHost, string queue)
    {
        var json = await GetAsync($"queues/{Uri.EscapeDataString(virtualHost)}/{Uri.EscapeDataString(queue)}");
        if (json is not { } q)
            return ClusterQueue.Unknown;
        var stats = q.TryGetProperty("message_stats", out var s) ? s : default;
        long Stat(string name) => stats.ValueKind == JsonValueKind.Object && stats.TryGetProperty(name, out var v) ? v.GetInt64() : 0;
        long Field(string name) => q.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : 0;
        string[] Names(string name) => q.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Select(e => e.GetString() ?? "").ToArray() : [];
        var leader = q.TryGetProperty("leader", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : null;
        return new ClusterQueue(Field("messages"), Field("consumers"), Stat("redeliver"), leader, Names("members"), Names("online"));
    }

    /// <summary>The nodes the answering node counts as running (a node cut off or paused is not).</summary>
    public async Task<HashSet<string>> RunningNodesAsync(NetworkHost? askOnly = null)
    {
        var json = await GetAsync("nodes", askOnly);
        return json is { ValueKind: JsonValueKind.Array } nodes
            ? nodes.EnumerateArray().Where(n => n.GetProperty("running").GetBoolean()).Select(n => n.GetProperty("name").GetString()!).ToHashSet()
            : [];
    }

    /// <summary>The AMQP connections the cluster holds from <paramref name="address"/> ("address:port"), asked of the nodes
    /// themselves (rabbitmqctl): the management API's statistics lag behind on a busy machine. Null when no node answered.</summary>
    public async Task<HashSet<string>?> ConnectionsFromAsync(string address)
    {
        foreach (var node in Nodes)
        {
            var (exit, output) = await CtlAsync(node, "list_connections", "--no-table-headers", "peer_host", "peer_port");
            if (exit == 0)
                return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('\t'))
                    .Where(fields => fields.Length == 2 && fields[0] == address).Select(fields => $"{fields[0]}:{fields[1]}").ToHashSet();
        }
        return null;
    }

    /// <summary>What each node says of the cluster (`rabbitmqctl cluster_status`) and the end of its log: the evidence a
    /// failed cluster test needs, since the nodes' folders are deleted with the cluster.</summary>
    public async Task<string> DescribeAsync()
    {
        var parts = await Task.WhenAll(Nodes.Select(async node =>
        {
            var status = await CtlAsync(node, "cluster_status");
            var log = Path.Combine(NodeDirectory(node), "log", NodeName(node) + ".log");
            var tail = File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(40)) : "(no log)";
            return $"=== {node.Name} ({NodeName(node)}): cluster_status exited {status.ExitCode}\n{status.Output}\n--- last lines of its log\n{tail}";
        }));
        return string.Join('\n', parts);
    }

    private async Task<JsonElement?> GetAsync(string path, NetworkHost? askOnly = null)
    {
        foreach (var host in askOnly is null ? Nodes : [askOnly])
        {
            try
            {
                using var response = await management.GetAsync($"http://{host.Address}:{ManagementPort}/api/{path}");
                if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
                    return null;
                if (response.IsSuccessStatusCode)
                    return await response.Content.ReadFromJsonAsync<JsonElement>();
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // that node is down, paused or cut off: ask the next
            }
        }
        return null;
    }

    /// <summary>rabbitmqctl against one node, given up after a minute: a paused or cut-off node may never answer.</summary>
    private Task<(int ExitCode, string Output)> CtlAsync(NetworkHost node, params string[] args) =>
        Command.TryAsync("timeout", ["60", "ip", "netns", "exec", node.Namespace, "bash", Script, "ctl", NodeDirectory(node), .. args]);

    private Task ScriptAsync(NetworkHost host, params string[] args) => Command.RunAsync("ip",
        ["netns", "exec", host.Namespace, "bash", Script, args[0], NodeDirectory(host), .. args[1..]]);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Task.WhenAll(Nodes.Select(n => Command.TryAsync("ip", "netns", "exec", n.Namespace, "bash",
                Script, "stop", NodeDirectory(n))));
        }
        finally
        {
            management.Dispose();
            System.IO.Directory.Delete(directory, recursive: true);
        }
    }
}

/// <param name="Redelivered">The broker's count of deliveries it had made before (after a consumer was lost unacked).</param>
/// <param name="Online">Members whose node is up and in the cluster.</param>
public sealed record ClusterQueue(long Messages, long Consumers, long Redelivered, string? Leader, string[] Members, string[] Online)
{
    public static readonly ClusterQueue Unknown = new(0, 0, 0, null, [], []);
}
