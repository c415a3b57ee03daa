namespace Returns.Testing.Cluster;

/// <summary>One host of a <see cref="TestNetwork"/>: a network namespace with one address on the test bridge.</summary>
/// <param name="Name">What the tests call it: broker-1, ingest, worker-a, …</param>
/// <param name="Namespace">The namespace (ip netns) its processes run in.</param>
/// <param name="Port">Its end of the cable in the bridge's namespace: set down, the host is cut off.</param>
public sealed record NetworkHost(string Name, string Namespace, string Address, string Port)
{
    public override string ToString() => $"{Name} ({Address})";
}
