using System.Diagnostics;
using Returns.Testing;
using Returns.Testing.Cluster;

namespace Returns.Distributed.Tests.Cluster;

public enum NetworkFault
{
    StopClassifierLeader,
    PartitionBrokerNode,
    CutWorkerHost,
    CutResultsHost,
    CutIngestHost,
    KillResults,
}

/// <summary>
/// Each fault is done to a night in progress, and returns how long the system took to recover once the fault was over.
/// Each also checks that it bit: a fault that went unnoticed proves nothing.
/// </summary>
public sealed class NetworkFaults(ClusterFixture bed, ClusterDeployment deployment, int photos)
{
    /// <summary>How long a cut (a broker node's, a worker host's) lasts.</summary>
    public static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);

    private RabbitMqCluster Broker => bed.Broker;

    public Task<TimeSpan> InjectAsync(NetworkFault fault, ServiceProcess results) => fault switch
    {
        NetworkFault.StopClassifierLeader => StopClassifierLeaderAsync(),
        NetworkFault.PartitionBrokerNode => PartitionClassifierLeaderAsync(),
        NetworkFault.CutWorkerHost => CutServiceHostAsync(bed.Hosts.WorkerA),
        NetworkFault.CutResultsHost => CutServiceHostAsync(bed.Hosts.Results),
        NetworkFault.CutIngestHost => CutServiceHostAsync(bed.Hosts.Ingest),
        NetworkFault.KillResults => KillResultsAsync(results),
        _ => throw new ArgumentOutOfRangeException(nameof(fault)),
    };

    /// <summary>The node leading the classifier queue is shut down; the other two elect a new leader and the clients
    /// connected to it move to them. It is started again once the system has recovered, and rejoins by itself.</summary>
    private async Task<TimeSpan> StopClassifierLeaderAsync()
    {
        var leader = await ClassifierLeaderAsync();
        await Broker.StopNodeAsync(leader);
        var recovery = await RecoveredAsync(
            async () => (await Broker.QueueAsync(deployment.VirtualHost, "classifier")).Leader is { } now && now != RabbitMqCluster.NodeName(leader),
            $"a new leader of the classifier queue after stopping {leader}");
        await Broker.StartNodeAsync(leader);
        return recovery;
    }

    /// <summary>The classifier queue's leader loses its cable for <see cref="Outage"/>: the other two count it out
    /// (pause_minority pauses it), elect a new leader, and take it back once healed.</summary>
    private async Task<TimeSpan> PartitionClassifierLeaderAsync()
    {
        var leader = await ClassifierLeaderAsync();
        var witness = Broker.Nodes.First(n => n != leader);
        await bed.Network.CutAsync(leader);
        var countedOut = false;
        await DuringOutageAsync(async () =>
            countedOut |= (await Broker.RunningNodesAsync(askOnly: witness)) is { Count: > 0 } running && !running.Contains(RabbitMqCluster.NodeName(leader)));
        await bed.Network.HealAsync(leader);
        Assert.True(countedOut, $"{witness} never counted {leader} out during the cut: no partition happened");
        return await RecoveredAsync(async () => (await Broker.RunningNodesAsync(askOnly: witness)).Contains(RabbitMqCluster.NodeName(leader))
                && (await Broker.QueueAsync(deployment.VirtualHost, "classifier")).Online.Length == 3,
            $"{leader} to be back in the cluster and in the classifier queue");
    }

    /// <summary>A service's host loses its cable for <see cref="Outage"/>: heartbeats stop, the broker or the service gives
    /// up their connection, and the broker hands what it had not acknowledged to another consumer or back to the queue;
    /// once healed, the service connects again. The cut bit when a connection the host held before it is gone
    /// afterwards, as the nodes themselves say.</summary>
    private async Task<TimeSpan> CutServiceHostAsync(NetworkHost host)
    {
        var before = await Broker.ConnectionsFromAsync(host.Address);
        Assert.True(before is { Count: > 0 }, $"no broker node lists a connection from {host.Name} ({host.Address}) before the cut");
        await bed.Network.CutAsync(host);
        await Task.Delay(Outage);
        await bed.Network.HealAsync(host);
        return await RecoveredAsync(async () => await Broker.ConnectionsFromAsync(host.Address) is { } now && !now.IsSupersetOf(before),
            $"a connection {host.Name} held before the cut ({string.Join(", ", before)}) to be given up, so that the cut bit");
    }

    /// <summary>kill -9 of Results.Api mid-night, then the same service started again on the results host.</summary>
    private async Task<TimeSpan> KillResultsAsync(ServiceProcess results)
    {
        results.Kill();
        deployment.StartResults();
        return await RecoveredAsync(() => Task.FromResult(true), "the new results process");
    }

    private async Task<NetworkHost> ClassifierLeaderAsync()
    {
        var leader = (await Broker.QueueAsync(deployment.VirtualHost, "classifier")).Leader;
        Assert.NotNull(leader);
        return Broker.HostOf(leader);
    }

    /// <summary>Holds the fault for <see cref="Outage"/>, watching what the rest of the system makes of it.</summary>
    private static async Task DuringOutageAsync(Func<Task> watch)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Outage)
        {
            await watch();
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>Time until <paramref name="condition"/> holds, every consumer is attached again (two workers, one results
    /// service) and an outcome has been stored since (or the night is already complete). A timeout says which of these
    /// never held.</summary>
    private async Task<TimeSpan> RecoveredAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        var storedAtStart = deployment.Stored().Count;
        var conditionMet = false;
        var lastSeen = "nothing yet";
        await Eventually.HoldsAsync(async () =>
        {
            conditionMet = conditionMet || await condition();
            var stored = deployment.Stored().Count;
            var workers = (await Broker.QueueAsync(deployment.VirtualHost, "classifier")).Consumers;
            var results = (await Broker.QueueAsync(deployment.VirtualHost, "image-classified")).Consumers;
            lastSeen = $"{what}: {(conditionMet ? "yes" : "not yet")}; consumers on classifier {workers} (2 wanted), on "
                + $"image-classified {results} (1 wanted); stored {stored} (at the start of recovery {storedAtStart}, of {photos})";
            return conditionMet && workers >= 2 && results >= 1 && (stored > storedAtStart || stored >= photos);
        }, Deadline, () => $"{what}, every consumer attached and a new outcome stored. Last seen: {lastSeen}\n{deployment.Logs()}");
        return clock.Elapsed;
    }
}
