using MassTransit;
using MassTransit.MessageData;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

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
        var options = builder.Configuration.GetSection(MessagingOptions.Section).Get<MessagingOptions>() ?? new MessagingOptions();
        builder.AddValidatedOptions<MessagingOptions>(MessagingOptions.Section);

        var claimCheck = new FileSystemMessageDataRepository(Directory.CreateDirectory(options.ClaimCheckPath));
        builder.Services.AddSingleton<IMessageDataRepository>(claimCheck);

        builder.Services.AddMassTransit(bus =>
        {
            bus.DisableUsageTelemetry(); // no call home: these machines reach no network but the package mirrors
            bus.SetKebabCaseEndpointNameFormatter();
            bus.AddConfigureEndpointsCallback((_, _, endpoint) =>
            {
                // A short in-memory retry rides out a blip (claim-check volume, store); what still fails goes to
                // the endpoint's _error queue, from where `returns replay` brings it back.
                endpoint.UseMessageRetry(r => r.Intervals(200, 1000, 3000));
                RabbitMqTransport.ConfigureQueue(endpoint);
            });
            addConsumers(bus);
            switch (options.Transport)
            {
                case Transports.InMemory:
                    bus.UsingInMemory((context, cfg) =>
                    {
                        cfg.UseMessageData(claimCheck);
                        cfg.ConfigureEndpoints(context);
                    });
                    break;
                case Transports.RabbitMq:
                    bus.UsingRabbitMq((context, cfg) => RabbitMqTransport.Configure(context, cfg, options.RabbitMq, claimCheck));
                    break;
                default:
                    throw new InvalidOperationException($"Messaging:Transport '{options.Transport}' is not InMemory or RabbitMq");
            }
        });
        return builder;
    }
}
