namespace Returns.ServiceDefaults.Storage;

/// <summary>The data folder or the results store failed (disk full, database locked or damaged): a fault of the
/// deployment, never a property of the image being handled. A run stops with it; nothing is recorded about the photo.</summary>
public sealed class StorageFaultException(string message, Exception? inner = null) : Exception(message, inner);
