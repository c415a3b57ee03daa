using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Returns.ServiceDefaults;

/// <summary>
/// Unready while no node of the broker accepts connections. MassTransit's own bus check watches receive endpoints, so a
/// publish-only service (ingest) would stay "healthy" with the broker gone; a TCP connect to the broker says so at once.
/// </summary>
public sealed class BrokerReachableHealthCheck(IOptions<MessagingOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        foreach (var node in options.Value.RabbitMq.Nodes())
            if (await AcceptsAsync(node, cancellationToken))
                return HealthCheckResult.Healthy();
        return HealthCheckResult.Unhealthy("no node of the message broker accepts connections");
    }

    private static async Task<bool> AcceptsAsync(BrokerNode node, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(node.Host, node.Port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}
