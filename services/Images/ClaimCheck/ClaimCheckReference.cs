using MassTransit;

namespace Returns.Images.ClaimCheck;

/// <summary>What a message carries for its image: the address only. The bytes are read through
/// <see cref="ClaimCheckStore.ReadAsync"/>, never from the message, so inline bytes are never trusted.</summary>
public sealed class ClaimCheckReference(string id) : MessageData<byte[]>
{
    public string Id { get; } = id;
    public Uri Address { get; } = ClaimCheckAddress.For(id);
    public bool HasValue => true;
    public Task<byte[]> Value => throw new InvalidOperationException("read claim-checked bytes through ClaimCheckStore.ReadAsync");
}
