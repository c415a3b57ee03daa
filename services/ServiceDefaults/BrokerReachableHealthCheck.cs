using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Returns.ServiceDefaults;

/// <summary>
/// Unready while the broker does not accept connections. MassTransit's own bus check watches receive endpoints, so a
/// publish-only service (ingest) would stay "healthy" with the broker gone; a TCP connect to the broker says so at once.
/// </summary>
public sealed class BrokerReachableHealthCheck(IOptions<MessagingOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var broker = options.Value.RabbitMq;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(broker.Host, broker.Port, timeout.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("the message broker does not accept connections");
        }
    }
}
