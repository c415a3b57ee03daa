using System.ComponentModel.DataAnnotations;

namespace Returns.Classifier;

/// <summary>Binds the "Classifier" section. Defaults suit one worker per core.</summary>
public sealed class ClassifierOptions
{
    public const string Section = "Classifier";

    /// <summary>At most this many images go into one inference call.</summary>
    [Range(1, 256)]
    public int BatchSize { get; set; } = 16;

    /// <summary>How long a partial batch waits for more images before it runs anyway.</summary>
    [Range(1, 10_000)]
    public int BatchTimeLimitMs { get; set; } = 50;

    /// <summary>Batches in flight at once per worker. Two let one batch decode and resize while the other is in ONNX
    /// Runtime, so the cores do not wait on either (docs/benchmarks.md, "Throughput").</summary>
    [Range(1, 64)]
    public int ConcurrentBatches { get; set; } = 2;

    /// <summary>Names this replica in every result it publishes; defaults to host name and process id.</summary>
    public string WorkerName { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>Send a small JPEG preview with every classification, made from the decode the model needs anyway, so
    /// people still see the photo after the inbox and the claim check are gone.</summary>
    public bool Thumbnails { get; set; } = true;

    /// <summary>The preview's longest side in pixels; ImageClassified promises at most 192.</summary>
    [Range(16, 192)]
    public int ThumbnailSize { get; set; } = 192;

    /// <summary>Also classify the shadow queue's copies with the candidate in shadow, if the registry names one. Turn it
    /// off on production replicas when dedicated replicas run the shadow.</summary>
    public bool ServeShadow { get; set; } = true;

    /// <summary>Classify live traffic with the production model. Off: a replica that serves only the shadow.</summary>
    public bool ServeProduction { get; set; } = true;

    /// <summary>ONNX Runtime intra-op threads per inference call; 0: the cores this process may use, shared among the
    /// <see cref="ConcurrentBatches"/> (see <see cref="EffectiveIntraOpThreads"/>).</summary>
    [Range(0, 256)]
    public int IntraOpThreads { get; set; }

    /// <summary>ONNX Runtime's own default counts the machine's physical cores and ignores a container's CPU limit;
    /// Environment.ProcessorCount honours the limit (and an affinity mask), so a worker given two cores uses two. Split
    /// among concurrent batches, calls do not contend for the same cores: on 2 cores, two single-threaded calls side by
    /// side classify as fast as one call on two threads, without the threads' spinning and waiting for each other.</summary>
    public int EffectiveIntraOpThreads => IntraOpThreads > 0 ? IntraOpThreads : Math.Max(1, Environment.ProcessorCount / ConcurrentBatches);
}
