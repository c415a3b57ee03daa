using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace Returns.Testing;

/// <summary>
/// A private RabbitMQ node from Debian's rabbitmq-server, started through ops/rabbitmq-node.sh with its own name,
/// ports and data folder: nothing here touches a broker that may already run on the machine.
/// </summary>
public sealed class RabbitMqNode : IAsyncDisposable
{
    private readonly HttpClient management;

    private RabbitMqNode(string directory, int port)
    {
        Directory = directory;
        Port = port;
        management = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port + 10000}/api/") };
    }

    /// <summary>The broker users the node script created, by role: admin, ingest, classifier, results, ops
    /// (user name returns-&lt;role&gt;; passwords generated into the node's users.env).</summary>
    public IReadOnlyDictionary<string, string> Passwords { get; private set; } = new Dictionary<string, string>();

    public static string UserName(string role) => "returns-" + role;

    public string Directory { get; }
    public int Port { get; }

    private bool prometheus;

    private string[] StartArguments => prometheus ? ["start", Port.ToString(), "--prometheus"] : ["start", Port.ToString()];

    /// <summary>The rabbitmq_prometheus plugin's scrape port (/metrics, /metrics/per-object), when started with it.</summary>
    public int PrometheusPort => Port + 30000;

    /// <param name="prometheus">Also serve rabbitmq_prometheus's metrics on <see cref="PrometheusPort"/>.</param>
    public static async Task<RabbitMqNode> StartAsync(bool prometheus = false)
    {
        if (!File.Exists("/usr/lib/rabbitmq/bin/rabbitmq-server"))
            throw new InvalidOperationException("rabbitmq-server is not installed: run tests/run.sh, which installs it from Debian's packages");
        var node = new RabbitMqNode(System.IO.Directory.CreateTempSubdirectory("returns-rabbitmq-").FullName, FreePortTriple());
        node.prometheus = prometheus;
        await node.ScriptAsync(node.StartArguments);
        node.Passwords = File.ReadAllLines(Path.Combine(node.Directory, "users.env"))
            .Select(line => line.Split('=', 2))
            .ToDictionary(kv => kv[0]["RETURNS_".Length..^"_PASSWORD".Length].ToLowerInvariant(), kv => kv[1]);
        node.management.DefaultRequestHeaders.Authorization = new("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{UserName("admin")}:{node.Passwords["admin"]}")));
        return node;
    }

    /// <summary>Stops the whole node and starts it again on the same data: durable queues and messages survive.</summary>
    public async Task RestartAsync()
    {
        await ScriptAsync("stop");
        await ScriptAsync(StartArguments);
    }

    public async Task<string> CreateVirtualHostAsync(string name)
    {
        await ScriptAsync("users", name);
        return name;
    }

    /// <summary>rabbitmqctl against this node (stop_app, start_app, close_all_connections, …).</summary>
    public Task CtlAsync(params string[] args) => ScriptAsync(["ctl", .. args]);

    /// <summary>The environment a Returns process needs to connect as <paramref name="role"/>.</summary>
    public IReadOnlyDictionary<string, string> Credentials(string role, string virtualHost, string prefix = "") => new Dictionary<string, string>
    {
        [prefix + "Messaging__Transport"] = "RabbitMq",
        [prefix + "Messaging__RabbitMq__Port"] = Port.ToString(),
        [prefix + "Messaging__RabbitMq__VirtualHost"] = virtualHost,
        [prefix + "Messaging__RabbitMq__Username"] = UserName(role),
        [prefix + "Messaging__RabbitMq__Password"] = Passwords[role],
    };

    /// <summary>Broker-side counters of a queue, from the management API (they lag the broker by a few seconds).</summary>
    public async Task<QueueStats> QueueAsync(string virtualHost, string queue)
    {
        using var response = await management.GetAsync($"queues/{Uri.EscapeDataString(virtualHost)}/{Uri.EscapeDataString(queue)}");
        if (response.StatusCode == HttpStatusCode.NotFound)
            return new QueueStats(0, 0, 0, 0, 0);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        var stats = json.TryGetProperty("message_stats", out var s) ? s : default;
        long Stat(string name) => stats.ValueKind == JsonValueKind.Object && stats.TryGetProperty(name, out var v) ? v.GetInt64() : 0;
        long Field(string name) => json.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : 0;
        return new QueueStats(Field("messages"), Field("consumers"), Stat("publish"), Stat("deliver"), Stat("redeliver"));
    }

    public async Task<bool> ExchangeExistsAsync(string virtualHost, string exchange)
    {
        using var response = await management.GetAsync($"exchanges/{Uri.EscapeDataString(virtualHost)}/{Uri.EscapeDataString(exchange)}");
        return response.IsSuccessStatusCode;
    }

    public async Task WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"waited {timeout.TotalSeconds:F0} s for {what}");
            await Task.Delay(250);
        }
    }

    private async Task ScriptAsync(params string[] args)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(RepoPaths.Root, "ops", "rabbitmq-node.sh"));
        info.ArgumentList.Add(args[0]);
        info.ArgumentList.Add(Directory);
        foreach (var arg in args.Skip(1))
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"rabbitmq-node.sh {string.Join(' ', args)} failed: {await output}{await error}");
    }

    /// <summary>A port p with p (AMQP), p+10000 (management), p+20000 (Erlang distribution) and p+30000 (Prometheus) all free.</summary>
    private static int FreePortTriple()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(6000, 9900);
            if (new[] { port, port + 10000, port + 20000, port + 30000 }.All(IsFree))
                return port;
        }
        throw new InvalidOperationException("no free port range for a RabbitMQ node");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ScriptAsync("stop");
        }
        finally
        {
            management.Dispose();
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}

public sealed record QueueStats(long Messages, long Consumers, long Published, long Delivered, long Redelivered);
