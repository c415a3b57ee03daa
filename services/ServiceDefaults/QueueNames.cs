namespace Returns.ServiceDefaults;

/// <summary>The receive endpoints of the flow, named once: consumers listen on them, publishers declare them.</summary>
public static class QueueNames
{
    public const string Classifier = "classifier";
    public const string ImageClassified = "image-classified";
    public const string ImageRejected = "image-rejected";
    public const string ImageReviewed = "image-reviewed";
    public const string PhotoAttached = "photo-attached";
    /// <summary>Also the exchange upstream systems publish ReturnRegistered to, as plain JSON.</summary>
    public const string ReturnRegistered = "return-registered";
}
