namespace Returns.Ingest;

/// <summary>The broker did not take a message within Ingest:PublishTimeout. Nothing of the input was kept.</summary>
public sealed class BrokerUnavailableException(Exception inner)
    : Exception("the message broker is not reachable; nothing was kept, try again later", inner);
