namespace Returns.Testing;

/// <summary>
/// One deployment of Returns on a shared test broker: its own virtual host, claim-check folder and results
/// database, with Results.Api, any number of Classifier.Worker processes and `returns run --workers external`.
/// </summary>
public sealed class DistributedSystem(RabbitMqNode node, string virtualHost, DirectoryInfo work) : IDisposable
{
    private readonly List<ServiceProcess> processes = [];

    public RabbitMqNode Node => node;
    public string VirtualHost => virtualHost;
    public string Data => Path.Combine(work.FullName, "data");
    public string Output => Path.Combine(work.FullName, "report");
    public string ResultsDatabase => Path.Combine(Data, "results.db");

    /// <summary>This deployment's models folder: a copy of the repository's versions and registry that every process
    /// shares, so that a promotion here never touches the repository's registry.</summary>
    public string Models => Path.Combine(work.FullName, "models");

    public static async Task<DistributedSystem> CreateAsync(RabbitMqNode node, string name)
    {
        var virtualHost = await node.CreateVirtualHostAsync($"{name}-{Guid.NewGuid():N}");
        var system = new DistributedSystem(node, virtualHost, Directory.CreateTempSubdirectory("returns-distributed-"));
        ModelsCopy.Create(system.Models);
        // As the shared volume of a real deployment, the claim-check folder is there before any service starts: a worker
        // that finds it missing stops (a storage fault), and in a test without ingest no one else would create it.
        Directory.CreateDirectory(system.ClaimCheck);
        return system;
    }

    /// <summary>The key every service of a test deployment accepts for /metrics (scope metrics), as Prometheus sends it.</summary>
    public const string MetricsKey = "prometheus-test-key";

    /// <param name="port">0: any free port.</param>
    /// <param name="settings">Extra environment, such as Results__LineVerdictDeadline.</param>
    public ServiceProcess StartResults(int port = 0, IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = new Dictionary<string, string>(Environment("results"));
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            environment[key] = value;
        return Track(ServiceProcess.Start("Results.Api", "Returns.Results.Api", ["--urls", $"http://127.0.0.1:{port}"], environment, Log("results")));
    }

    /// <summary>Ingest.Api on <paramref name="port"/>, started from the repository root (as run-local.sh does), accepting
    /// <paramref name="apiKey"/> with the ingest scope. Its transport comes from its own appsettings.json.</summary>
    public ServiceProcess StartIngestApi(int port, string apiKey)
    {
        var environment = new Dictionary<string, string>(Environment("ingest"))
        {
            ["Authentication__ApiKeys__0__Name"] = "test-upstream",
            ["Authentication__ApiKeys__0__KeySha256"] = ApiKeys.Sha256(apiKey),
            ["Authentication__ApiKeys__0__Scopes__0"] = "ingest",
        };
        environment.Remove("Messaging__Transport");
        return Track(ServiceProcess.Start("Ingest.Api", "Returns.Ingest.Api", ["--urls", $"http://127.0.0.1:{port}"], environment, Log("ingest"),
            workingDirectory: RepoPaths.Root));
    }

    /// <param name="intraOpThreads">ONNX Runtime threads; 0: the worker's default, the cores it is given shared among its batches in flight.</param>
    public ServiceProcess StartWorker(string name, int batchSize = 16, int port = 0, int intraOpThreads = 1)
    {
        var environment = new Dictionary<string, string>(Environment("classifier"))
        {
            ["Classifier__WorkerName"] = name,
            ["Classifier__IntraOpThreads"] = intraOpThreads.ToString(),
            ["Classifier__BatchSize"] = batchSize.ToString(),
            ["Logging__LogLevel__Returns.Classifier.ModelChanges"] = "Information", // swaps and refusals, with load times
        };
        return Track(ServiceProcess.Start("Classifier.Worker", "Returns.Classifier.Worker", ["--urls", $"http://127.0.0.1:{port}"], environment, Log(name)));
    }

    /// <summary>Waits until this many classifier workers and a results service are connected to their queues.</summary>
    public Task WaitForConsumersAsync(int workers) => node.WaitAsync(async () =>
            (await node.QueueAsync(virtualHost, "classifier")).Consumers >= workers
            && (await node.QueueAsync(virtualHost, "image-classified")).Consumers >= 1,
        TimeSpan.FromSeconds(90), $"{workers} workers and the results service to connect");

    /// <summary>`returns run --workers external`: ingest here, everything else in the other processes.</summary>
    public ServiceProcess StartRun(string inbox, TimeSpan? timeout = null) =>
        Track(ServiceProcess.Start("Cli", "returns",
        [
            "run", "--workers", "external", "--inbox", inbox, "--out", Output, "--data", Data,
            "--timeout", (timeout ?? TimeSpan.FromMinutes(5)).ToString(),
        ], new Dictionary<string, string>(node.Credentials("ingest", virtualHost, prefix: "RETURNS_")) { ["RETURNS_Models__Path"] = Models }, Log("run")));

    public async Task<(int ExitCode, string Output)> RunAsync(string inbox, TimeSpan? timeout = null)
    {
        var run = StartRun(inbox, timeout);
        var exit = await run.WaitForExitAsync(TimeSpan.FromMinutes(10));
        return (exit, run.Output());
    }

    /// <summary>`returns model ARGS` as the operations user, over this deployment's broker, models folder and results.</summary>
    public Task<(int ExitCode, string Output)> ModelCommandAsync(params string[] args) => CommandAsync(["model", .. args, "--data", Data]);

    /// <summary>`returns ARGS` as the operations user, over this deployment's broker and models folder.</summary>
    public async Task<(int ExitCode, string Output)> CommandAsync(params string[] args)
    {
        var environment = new Dictionary<string, string>(node.Credentials("ops", virtualHost, prefix: "RETURNS_"))
        {
            ["RETURNS_Models__Path"] = Models,
        };
        var command = Track(ServiceProcess.Start("Cli", "returns", args, environment, Log(args[0])));
        var exit = await command.WaitForExitAsync(TimeSpan.FromMinutes(2));
        return (exit, command.Output());
    }

    public ServiceProcess StartReplay(bool requeue) =>
        Track(ServiceProcess.Start("Cli", "returns",
        [
            "replay", .. requeue ? new[] { "--requeue" } : [],
        ], node.Credentials("ops", virtualHost, prefix: "RETURNS_"), Log(requeue ? "replay-requeue" : "replay")));

    public IReadOnlyList<StoredRow> Stored() => StoredRow.Read(ResultsDatabase);

    public Task WaitForStoredAsync(int atLeast, TimeSpan timeout) =>
        node.WaitAsync(() => Task.FromResult(Stored().Count >= atLeast), timeout, $"{atLeast} stored results");

    public string ClaimCheck => Path.Combine(Data, "claim-check");

    /// <summary>A service's environment: its own broker user (a role of <see cref="RabbitMqNode.Passwords"/>) and the
    /// deployment's shared folders. Results needs no API key here: the tests read its database directly.</summary>
    private Dictionary<string, string> Environment(string role)
    {
        var environment = new Dictionary<string, string>(node.Credentials(role, virtualHost));
        foreach (var (key, value) in DeploymentSettings(ClaimCheck, ResultsDatabase, Models))
            environment[key] = value;
        return environment;
    }

    /// <summary>What every service of a test deployment shares, whatever its broker: the folders, quiet logs, and the API
    /// keys (a read key the tests never use, Prometheus's metrics key).</summary>
    public static Dictionary<string, string> DeploymentSettings(string claimCheck, string resultsDatabase, string models) => new()
    {
        ["Messaging__ClaimCheckPath"] = claimCheck,
        ["Results__SqlitePath"] = resultsDatabase,
        ["Models__Path"] = models,
        ["Logging__LogLevel__Default"] = "Warning",
        ["Authentication__ApiKeys__0__Name"] = "tests",
        ["Authentication__ApiKeys__0__KeySha256"] = new string('0', 64),
        ["Authentication__ApiKeys__0__Scopes__0"] = "read",
        ["Authentication__ApiKeys__1__Name"] = "prometheus",
        ["Authentication__ApiKeys__1__KeySha256"] = ApiKeys.Sha256(MetricsKey),
        ["Authentication__ApiKeys__1__Scopes__0"] = "metrics",
    };

    private string Log(string name)
    {
        Directory.CreateDirectory(Data);
        return Path.Combine(work.FullName, $"{name}-{processes.Count}.log");
    }

    private ServiceProcess Track(ServiceProcess process)
    {
        processes.Add(process);
        return process;
    }

    /// <summary>Every process's log, for a failure message.</summary>
    public string Logs() => string.Join("\n", processes.Select(p => $"--- {Path.GetFileName(p.LogPath)}\n{Tail(p.Output())}"));

    private static string Tail(string text) => text.Length <= 3000 ? text : text[^3000..];

    public void Dispose()
    {
        foreach (var process in processes)
            process.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        work.Delete(recursive: true);
    }
}
