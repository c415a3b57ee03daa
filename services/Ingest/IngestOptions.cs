using System.ComponentModel.DataAnnotations;

namespace Returns.Ingest;

/// <summary>Binds the "Ingest" section. The image checks themselves are in "ImageLimits", shared with the classifier.</summary>
public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>Folders below the inbox root that are read; deeper entries are recorded as skipped.</summary>
    [Range(0, 64)]
    public int InboxMaxDepth { get; set; } = 8;

    /// <summary>Entries (files and folders) one inbox run looks at; past this the rest is recorded as not read.</summary>
    [Range(1, 10_000_000)]
    public int InboxMaxEntries { get; set; } = 100_000;

    /// <summary>Read the inbox as &lt;return id&gt;/&lt;line id&gt;/photo: each photo is attached to that line of that
    /// return. Off by default, so an inbox of dated folders is not mistaken for returns.</summary>
    public bool InboxReturnFolders { get; set; }

    /// <summary>Parts of one multipart upload (files and fields).</summary>
    [Range(1, 100_000)]
    public int MaxParts { get; set; } = 1024;

    /// <summary>Inbox files read, checked and published at once. Each publish waits for the broker's confirm (a disk
    /// write on a quorum queue); one file at a time, that round trip set the pace of a whole night through RabbitMQ
    /// (docs/benchmarks.md, "Throughput").</summary>
    [Range(1, 256)]
    public int InboxConcurrency { get; set; } = 8;

    /// <summary>How long a publish may wait for the broker before the upload is answered 503.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a night's inbox drain goes on publishing a file again while the broker does not confirm it
    /// (a node lost, a leader elected, a cut link noticed): a failover takes tens of seconds and nobody is there to
    /// start the night again. Past it the run stops, as it does at once for an upload.</summary>
    public TimeSpan InboxBrokerPatience { get; set; } = TimeSpan.FromMinutes(5);
}
