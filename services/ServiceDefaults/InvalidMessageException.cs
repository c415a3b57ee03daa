namespace Returns.ServiceDefaults;

/// <summary>A message that breaks its contract (forged or malformed). It is never stored and never retried:
/// it goes straight to the endpoint's _error queue, where an operator can read it.</summary>
public sealed class InvalidMessageException(string message) : Exception(message);
