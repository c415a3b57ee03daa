namespace Returns.Testing.Cluster;

/// <summary>
/// One deployment of Returns across the hosts of a test network: its own virtual host on the broker cluster, and a
/// claim-check folder and results database that every host sees (network namespaces share the file system, as hosts
/// share a mounted volume). Each service is given all three broker nodes, a different one first.
/// </summary>
public sealed class ClusterDeployment(RabbitMqCluster cluster, ServiceHosts hosts, string virtualHost, DirectoryInfo work) : IDisposable
{
    private const int HttpPort = 5000;
    private readonly List<ServiceProcess> processes = [];

    public string VirtualHost => virtualHost;
    public string Data => Path.Combine(work.FullName, "data");
    public string Output => Path.Combine(work.FullName, "report");
    public string Inbox => Path.Combine(work.FullName, "inbox");
    private string Models => Path.Combine(work.FullName, "models");
    private string ResultsDatabase => Path.Combine(Data, "results.db");

    public static async Task<ClusterDeployment> CreateAsync(RabbitMqCluster cluster, ServiceHosts hosts, string name)
    {
        var virtualHost = await cluster.CreateVirtualHostAsync($"{name}-{Guid.NewGuid():N}");
        var deployment = new ClusterDeployment(cluster, hosts, virtualHost, Directory.CreateTempSubdirectory("returns-cluster-night-"));
        ModelsCopy.Create(deployment.Models);
        Directory.CreateDirectory(deployment.Data);
        return deployment;
    }

    /// <summary>Results.Api on the results host; its consumers log each duplicate they absorb.</summary>
    public ServiceProcess StartResults()
    {
        var environment = Environment("results", preferred: 0);
        environment["Logging__LogLevel__Returns.Results.Consumers"] = "Debug";
        return Start(hosts.Results, "Results.Api", "Returns.Results.Api", ["--urls", $"http://{hosts.Results.Address}:{HttpPort}"], environment, "results");
    }

    public ServiceProcess StartWorker(NetworkHost host, int preferred)
    {
        var environment = Environment("classifier", preferred);
        environment["Classifier__WorkerName"] = host.Name;
        environment["Classifier__IntraOpThreads"] = "1";
        environment["Classifier__BatchSize"] = "4";
        return Start(host, "Classifier.Worker", "Returns.Classifier.Worker", ["--urls", $"http://{host.Address}:{HttpPort}"], environment, host.Name);
    }

    /// <summary>`returns run --workers external` on the ingest host: ingest, then waiting for every outcome, then the report.</summary>
    public ServiceProcess StartRun(TimeSpan timeout)
    {
        var environment = new Dictionary<string, string>(cluster.Credentials("ingest", virtualHost, preferred: 0, prefix: "RETURNS_"))
        {
            ["RETURNS_Models__Path"] = Models,
        };
        return Start(hosts.Ingest, "Cli", "returns",
            ["run", "--workers", "external", "--inbox", Inbox, "--out", Output, "--data", Data, "--timeout", timeout.ToString()], environment, "run");
    }

    public IReadOnlyList<StoredRow> Stored() => File.Exists(ResultsDatabase) ? StoredRow.Read(ResultsDatabase) : [];

    /// <summary>Outcomes the results service found already stored and ignored, counted in the logs of every results
    /// process this deployment started (a killed one included).</summary>
    public int DuplicatesAbsorbed() => processes.Where(p => p.LogPath.Contains("results", StringComparison.Ordinal))
        .Sum(p => p.Output().Split('\n').Count(line => line.Contains("duplicate ignored", StringComparison.Ordinal)));

    /// <summary>The end of every process's log, for a failure message.</summary>
    public string Logs() => string.Join("\n", processes.Select(p => $"--- {Path.GetFileName(p.LogPath)}\n{Tail(p.Output())}"));

    /// <summary>The last 40 lines that are not stack frames: what each process last said.</summary>
    private static string Tail(string text) => string.Join('\n', text.Split('\n')
        .Where(line => !line.TrimStart().StartsWith("at ", StringComparison.Ordinal) && !line.Contains("--- End of stack trace", StringComparison.Ordinal))
        .TakeLast(40));

    private Dictionary<string, string> Environment(string role, int preferred)
    {
        var environment = new Dictionary<string, string>(cluster.Credentials(role, virtualHost, preferred));
        foreach (var (key, value) in DistributedSystem.DeploymentSettings(Path.Combine(Data, "claim-check"), ResultsDatabase, Models))
            environment[key] = value;
        return environment;
    }

    private ServiceProcess Start(NetworkHost host, string project, string assembly, string[] args, IReadOnlyDictionary<string, string> environment, string name)
    {
        var process = ServiceProcess.Start(project, assembly, args, environment, Path.Combine(work.FullName, $"{name}-{processes.Count}.log"),
            networkNamespace: host.Namespace);
        processes.Add(process);
        return process;
    }

    public void Dispose()
    {
        foreach (var process in processes)
            process.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        work.Delete(recursive: true);
    }
}
