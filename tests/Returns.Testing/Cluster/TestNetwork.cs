using System.Text.RegularExpressions;

namespace Returns.Testing.Cluster;

/// <summary>
/// Hosts of their own on one machine: a network namespace per host, each with one veth cable into a bridge that lives
/// in a namespace of its own. The test process reaches the hosts through one more cable (its address .254) and
/// listens on nothing. Addresses come from 10.77.0.0/16, a range used only here, one /24 per test network.
/// Everything is named rtn&lt;pid&gt;-…, so that a later run can remove what a killed run left behind.
/// </summary>
public sealed partial class TestNetwork : IDisposable
{
    private const string Prefix = "rtn";
    private readonly List<NetworkHost> hosts = [];
    private readonly string bridge;
    private readonly string rootLink;

    private TestNetwork(int number)
    {
        Name = $"{Prefix}{Environment.ProcessId}-{number}";
        Subnet = $"10.77.{20 + (Environment.ProcessId * 7 + number) % 200}";
        bridge = Name + "-lan";
        rootLink = $"{Prefix}{Environment.ProcessId}n{number}"; // at most 15 characters
    }

    /// <summary>rtn&lt;pid&gt;-&lt;n&gt;: the namespaces' prefix.</summary>
    public string Name { get; }

    /// <summary>The first three octets of this network's addresses.</summary>
    public string Subnet { get; }

    public IReadOnlyList<NetworkHost> Hosts => hosts;

    public NetworkHost this[string name] => hosts.Single(h => h.Name == name);

    private static int created;

    public static async Task<TestNetwork> CreateAsync()
    {
        RemoveStale();
        var network = new TestNetwork(Interlocked.Increment(ref created));
        try
        {
            await network.CreateBridgeAsync();
        }
        catch
        {
            network.Dispose();
            throw;
        }
        return network;
    }

    private async Task CreateBridgeAsync()
    {
        await Command.RunAsync("ip", "netns", "add", bridge);
        await Command.RunAsync("ip", "-n", bridge, "link", "set", "lo", "up");
        await Command.RunAsync("ip", "-n", bridge, "link", "add", "br0", "type", "bridge");
        await Command.RunAsync("ip", "-n", bridge, "link", "set", "br0", "up");
        await Command.RunAsync("ip", "link", "add", rootLink, "type", "veth", "peer", "name", "tests", "netns", bridge);
        await Command.RunAsync("ip", "-n", bridge, "link", "set", "tests", "master", "br0");
        await Command.RunAsync("ip", "-n", bridge, "link", "set", "tests", "up");
        await Command.RunAsync("ip", "addr", "add", $"{Subnet}.254/24", "dev", rootLink);
        await Command.RunAsync("ip", "link", "set", rootLink, "up");
    }

    /// <summary>A new host on the bridge at <see cref="Subnet"/>.<paramref name="lastOctet"/>.</summary>
    public async Task<NetworkHost> AddHostAsync(string name, int lastOctet)
    {
        var host = new NetworkHost(name, $"{Name}-{name}", $"{Subnet}.{lastOctet}", "p-" + name);
        hosts.Add(host);
        await Command.RunAsync("ip", "netns", "add", host.Namespace);
        await Command.RunAsync("ip", "-n", host.Namespace, "link", "set", "lo", "up");
        await Command.RunAsync("ip", "link", "add", "eth0", "netns", host.Namespace, "type", "veth", "peer", "name", host.Port, "netns", bridge);
        await Command.RunAsync("ip", "-n", bridge, "link", "set", host.Port, "master", "br0");
        await Command.RunAsync("ip", "-n", bridge, "link", "set", host.Port, "up");
        await Command.RunAsync("ip", "-n", host.Namespace, "addr", "add", host.Address + "/24", "dev", "eth0");
        await Command.RunAsync("ip", "-n", host.Namespace, "link", "set", "eth0", "up");
        return host;
    }

    /// <summary>Pulls the host's cable out of the bridge: its packets, and those sent to it, vanish without an answer,
    /// as on a dead switch port. Its processes keep running and keep their half-open connections.</summary>
    public Task CutAsync(NetworkHost host) => Command.RunAsync("ip", "-n", bridge, "link", "set", host.Port, "down");

    public Task HealAsync(NetworkHost host) => Command.RunAsync("ip", "-n", bridge, "link", "set", host.Port, "up");

    public void Dispose()
    {
        foreach (var host in hosts.Append(new NetworkHost("lan", bridge, "", "")))
            RemoveNamespace(host.Namespace);
        Command.Try("ip", "link", "del", rootLink);
    }

    /// <summary>Namespaces and links of a test run whose process is gone (killed before it could clean up).</summary>
    private static void RemoveStale()
    {
        var namespaces = Directory.Exists("/var/run/netns") ? Directory.GetFiles("/var/run/netns").Select(Path.GetFileName) : [];
        foreach (var name in namespaces.OfType<string>().Where(IsStale))
            RemoveNamespace(name);
        var links = Command.TryAsync("ip", "-o", "link", "show").GetAwaiter().GetResult().Output;
        foreach (Match link in RootLink().Matches(links))
            if (IsStale(link.Groups[1].Value))
                Command.Try("ip", "link", "del", link.Groups[1].Value);
    }

    private static bool IsStale(string name)
    {
        var owner = Owner().Match(name);
        return owner.Success && !ProcessIsAlive(int.Parse(owner.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static bool ProcessIsAlive(int pid) => Directory.Exists($"/proc/{pid}");

    /// <summary>Kills every process whose network is this namespace (`ip netns pids` does not work under every kernel,
    /// so /proc is read directly), then deletes it.</summary>
    private static void RemoveNamespace(string name)
    {
        var path = Path.Combine("/var/run/netns", name);
        if (!File.Exists(path))
            return;
        var inode = Command.TryAsync("stat", "-L", "-c", "%i", path).GetAwaiter().GetResult().Output.Trim();
        foreach (var pid in ProcessesIn($"net:[{inode}]"))
            Command.Try("kill", "-9", pid);
        Command.Try("ip", "netns", "del", name);
    }

    private static IEnumerable<string> ProcessesIn(string network)
    {
        foreach (var directory in Directory.GetDirectories("/proc"))
        {
            var pid = Path.GetFileName(directory);
            if (!pid.All(char.IsAsciiDigit) || pid == Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture))
                continue;
            string? target = null;
            try
            {
                target = new FileInfo(Path.Combine(directory, "ns", "net")).LinkTarget;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // gone meanwhile
            }
            if (target == network)
                yield return pid;
        }
    }

    [GeneratedRegex(@"^rtn(\d+)[-n]")]
    private static partial Regex Owner();

    [GeneratedRegex(@"^\d+: (rtn\d+n\d+)[@:]", RegexOptions.Multiline)]
    private static partial Regex RootLink();
}
