namespace Returns.Contracts;

/// <summary>The receive endpoints of the flow, named once: consumers listen on them, publishers declare them, and an
/// upstream system publishing ReturnRegistered names its exchange from here.</summary>
public static class QueueNames
{
    public const string Classifier = "classifier";
    /// <summary>The candidate in shadow classifies a copy of every ImageReceived from here.</summary>
    public const string ClassifierShadow = "classifier-shadow";
    /// <summary>Where the results service stores what the shadow said, apart from the outcomes.</summary>
    public const string ImageShadowClassified = "image-shadow-classified";
    public const string ImageClassified = "image-classified";
    public const string ImageRejected = "image-rejected";
    public const string ImageReviewed = "image-reviewed";
    public const string PhotoAttached = "photo-attached";
    /// <summary>Also the exchange upstream systems publish ReturnRegistered to, as plain JSON.</summary>
    public const string ReturnRegistered = "return-registered";

    /// <summary>Each classifier worker's own queue for ModelRegistryChanged: every worker must hear of every change, so
    /// they cannot compete on one queue. It lives as long as the worker (auto-delete); a worker that starts later reads
    /// the registry instead.</summary>
    public static string ModelRegistryChanged(string worker) => ModelRegistryChangedPrefix + worker;

    public const string ModelRegistryChangedPrefix = "model-registry-changed-";
}
