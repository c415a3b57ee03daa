using MassTransit.Configuration;
using MassTransit;
using Returns.Contracts;

namespace Returns.ServiceDefaults.Serialization;

/// <summary>What every receive endpoint reads, and how much of it: MassTransit's JSON envelope and plain JSON, each capped
/// at <see cref="MaxBytes"/> before parsing; any other content type is refused (to _error). Every Returns message is small:
/// image bytes travel through the claim check, a thumbnail is at most 64 KiB, a return at most 500 short lines.</summary>
public static class MessageSize
{
    public const long MaxBytes = 1024 * 1024;

    /// <summary>Endpoints that non-.NET publishers write plain JSON to, with no message type in it: any message on them is
    /// taken as the one type they consume.</summary>
    private static readonly HashSet<string> PlainJsonEndpoints = [QueueNames.ReturnRegistered];

    public static void UseCappedDeserializers(string endpointName, IReceiveEndpointConfigurator endpoint)
    {
        var plainJson = PlainJsonEndpoints.Contains(endpointName);
        endpoint.ClearSerialization();
        endpoint.AddSerializer(new SystemTextJsonMessageSerializerFactory());
        endpoint.AddDeserializer(new SizeCappedSerializerFactory(new SystemTextJsonMessageSerializerFactory(), MaxBytes), isDefault: !plainJson);
        endpoint.AddDeserializer(new SizeCappedSerializerFactory(new SystemTextJsonRawMessageSerializerFactory(
            plainJson ? RawSerializerOptions.AnyMessageType : RawSerializerOptions.Default), MaxBytes), isDefault: plainJson);
    }
}
