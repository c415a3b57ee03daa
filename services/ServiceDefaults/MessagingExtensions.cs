using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Returns.ServiceDefaults.Serialization;
using Returns.ServiceDefaults.Storage;

namespace Returns.ServiceDefaults;

public static class MessagingExtensions
{
    /// <summary>
    /// Registers MassTransit once for a host: the modules it hosts add their consumers through
    /// <paramref name="addConsumers"/>; the transport and the claim-check store come from configuration.
    /// </summary>
    public static IHostApplicationBuilder AddReturnsMessaging(this IHostApplicationBuilder builder,
        Action<IBusRegistrationConfigurator> addConsumers)
    {
        var options = builder.AddValidatedOptions<MessagingOptions>(MessagingOptions.Section);
        if (options.Distributed)
            builder.Services.AddHealthChecks().AddCheck<BrokerReachableHealthCheck>("broker", tags: ["ready"]);
        builder.Services.AddSingleton<ReceiveEndpointHealth>();
        builder.Services.AddReceiveEndpointObserver(s => s.GetRequiredService<ReceiveEndpointHealth>());
        builder.Services.AddHealthChecks().AddCheck<ReceiveEndpointHealth>("receive-endpoints", tags: ["ready"]);

        builder.Services.TryAddSingleton<StorageFaults>();
        builder.Services.AddConsumeObserver<StorageFaultObserver>();
        builder.Services.AddMassTransit(bus =>
        {
            bus.DisableUsageTelemetry(); // no call home: these machines reach no network but the package mirrors
            bus.SetKebabCaseEndpointNameFormatter();
            // A bus that cannot reach its broker makes the service unready (HTTP 503), not merely degraded.
            bus.ConfigureHealthCheckOptions(health =>
            {
                health.MinimalFailureStatus = HealthStatus.Unhealthy;
                health.Tags.Add("ready");
            });
            bus.AddConfigureEndpointsCallback((_, name, endpoint) =>
            {
                // A short in-memory retry rides out a blip (claim-check volume, store); what still fails goes to
                // the endpoint's _error queue, from where `returns replay` brings it back. A message that breaks its
                // contract will not improve with retries.
                endpoint.UseMessageRetry(r =>
                {
                    r.Ignore<InvalidMessageException>();
                    r.Intervals(200, 1000, 3000);
                });
                MessageSize.UseCappedDeserializers(name, endpoint);
                RabbitMqTransport.ConfigureQueue(name, endpoint);
            });
            addConsumers(bus);
            switch (options.Transport)
            {
                case Transports.InMemory:
                    bus.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
                    break;
                case Transports.RabbitMq:
                    bus.UsingRabbitMq((context, cfg) => RabbitMqTransport.Configure(context, cfg, options.RabbitMq));
                    break;
                default:
                    throw new InvalidOperationException($"Messaging:Transport '{options.Transport}' is not InMemory or RabbitMq");
            }
        });
        return builder;
    }

    /// <summary>For a long-running service: a storage fault heard by any consumer stops the process (exit code 3).</summary>
    public static IHostApplicationBuilder StopOnStorageFault(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton<StorageFaults>();
        builder.Services.AddHostedService<StorageFaultShutdown>();
        return builder;
    }
}
