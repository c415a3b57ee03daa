using MassTransit;
using Returns.ServiceDefaults;

namespace Returns.Results.Consumers;

/// <summary>Upstream systems that are not .NET publish plain JSON (content type application/json) to this endpoint's
/// exchange; MassTransit's own envelope is still understood.</summary>
public sealed class ReturnRegisteredConsumerDefinition : ConsumerDefinition<ReturnRegisteredConsumer>
{
    public ReturnRegisteredConsumerDefinition() => EndpointName = QueueNames.ReturnRegistered;

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<ReturnRegisteredConsumer> consumerConfigurator, IRegistrationContext context) =>
        endpointConfigurator.UseRawJsonDeserializer(RawSerializerOptions.AnyMessageType, isDefault: true);
}
