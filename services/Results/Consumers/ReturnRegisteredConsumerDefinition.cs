using MassTransit;
using Returns.Contracts;
using Returns.ServiceDefaults;

namespace Returns.Results.Consumers;

/// <summary>Upstream systems that are not .NET publish plain JSON (content type application/json) to this endpoint's
/// exchange; MassTransit's own envelope is still understood. Which deserializers read it (and the cap on size before they
/// do) is set for every endpoint in one place, MessageSize.</summary>
public sealed class ReturnRegisteredConsumerDefinition : ConsumerDefinition<ReturnRegisteredConsumer>
{
    public ReturnRegisteredConsumerDefinition() => EndpointName = QueueNames.ReturnRegistered;
}
