using System.Net.Mime;
using MassTransit;

namespace Returns.ServiceDefaults.Serialization;

/// <summary>A deserializer that first measures the body: a message over the cap is refused before any JSON is read, so a
/// 60 MB field never becomes strings and documents several times its size. The refusal is a deserialization failure, so
/// the message goes to the endpoint's _error queue with the reason (a filter before the deserializer would sit outside
/// MassTransit's error handling, and the message would be redelivered for ever).</summary>
public sealed class SizeCappedDeserializer(IMessageDeserializer inner, long maxBytes) : IMessageDeserializer
{
    public ContentType ContentType => inner.ContentType;

    public ConsumeContext Deserialize(ReceiveContext receiveContext)
    {
        Check(receiveContext.Body);
        return inner.Deserialize(receiveContext);
    }

    public SerializerContext Deserialize(MessageBody body, Headers headers, Uri? destinationAddress = null)
    {
        Check(body);
        return inner.Deserialize(body, headers, destinationAddress);
    }

    public MessageBody GetMessageBody(string text) => inner.GetMessageBody(text);

    public void Probe(ProbeContext context)
    {
        context.Add("maxBytes", maxBytes);
        inner.Probe(context);
    }

    private void Check(MessageBody body)
    {
        var length = body.Length ?? body.GetBytes().LongLength;
        if (length > maxBytes)
            throw new InvalidMessageException($"the message is {length} bytes, more than the {maxBytes} bytes a Returns message may have; not read");
    }
}

/// <summary>Wraps one of MassTransit's serializer factories so that its deserializer is size-capped.</summary>
public sealed class SizeCappedSerializerFactory(ISerializerFactory inner, long maxBytes) : ISerializerFactory
{
    public ContentType ContentType => inner.ContentType;

    public IMessageSerializer CreateSerializer() => inner.CreateSerializer();

    public IMessageDeserializer CreateDeserializer() => new SizeCappedDeserializer(inner.CreateDeserializer(), maxBytes);
}
