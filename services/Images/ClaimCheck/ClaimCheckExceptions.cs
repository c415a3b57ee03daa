namespace Returns.Images.ClaimCheck;

/// <summary>This one image cannot be served from the claim check (refused address, link, special file, too large,
/// missing). The message carrying it is rejected; the rest of its batch goes on. The text never names a path.</summary>
public sealed class ClaimCheckRefusedException(string reason, string detail) : Exception(detail)
{
    public string Reason { get; } = reason;
}

/// <summary>The claim-check folder itself is gone (an unmounted volume): a fault of the deployment, not of the image,
/// so the message is retried and, failing that, kept in the _error queue for replay.</summary>
public sealed class ClaimCheckUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
