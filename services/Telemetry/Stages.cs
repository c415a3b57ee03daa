namespace Returns.Telemetry;

/// <summary>One stage of the flow: the component it runs in and its own name, the tags of
/// <see cref="ReturnsTelemetry.StageDuration"/>. Stage names are unique across components.</summary>
public readonly record struct Stage(string Component, string Name);

/// <summary>Every stage <see cref="ReturnsTelemetry.StageDuration"/> is recorded for.</summary>
public static class Stages
{
    public const string Ingest = "ingest";
    public const string Classifier = "classifier";
    public const string Results = "results";

    public static readonly Stage ReadAndHash = new(Ingest, "read+hash");
    public static readonly Stage AlreadyDoneLookup = new(Ingest, "already-done lookup");
    public static readonly Stage Validate = new(Ingest, "validate");
    public static readonly Stage ClaimCheckWrite = new(Ingest, "claim-check write");
    public static readonly Stage Publish = new(Ingest, "publish");

    public static readonly Stage ClaimCheckRead = new(Classifier, "claim-check read+verify");
    public static readonly Stage Decode = new(Classifier, "decode");
    public static readonly Stage Resize = new(Classifier, "resize+tensor");
    public static readonly Stage Thumbnail = new(Classifier, "thumbnail");
    public static readonly Stage Inference = new(Classifier, "inference");
    public static readonly Stage Rank = new(Classifier, "rank");
    public static readonly Stage PublishOutcomes = new(Classifier, "publish outcomes");

    public static readonly Stage Store = new(Results, "store");
    public static readonly Stage Report = new(Results, "report");
}
