using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Returns.Contracts;

namespace Returns.Distributed.Tests.Faults;

/// <summary>One way into the system: the queues a publish reaches, the broker user allowed to publish there, and three
/// messages for it: one that cannot be parsed, one that breaks the contract (and the words its fault must give as the
/// reason), a valid one, and the valid one padded past the size cap.</summary>
public sealed record EndpointProbe(string[] Queues, string Publisher, string Exchange, string ContentType, byte[] Invalid, string Reason, byte[] Valid)
{
    public const string Envelope = "application/vnd.masstransit+json";

    /// <summary>Truncated JSON: no deserializer can read it.</summary>
    public static readonly byte[] Unparseable = """{"messageId":"0b6e0a2e-0000-0000-0000-000000000000","message":{"imageId":"""u8.ToArray();

    /// <summary>What a refusal for size says (MessageSizeFilter).</summary>
    public const string SizeReason = "bytes a Returns message may have";

    /// <summary>The valid message with a 2 MiB property no contract has: without a cap on size before parsing it would be
    /// read, the unknown property ignored, and the message processed.</summary>
    public byte[] Oversize
    {
        get
        {
            var node = JsonNode.Parse(Valid)!.AsObject();
            var message = node["message"] is JsonObject inner ? inner : node;
            message["padding"] = new string('x', 2 * 1024 * 1024);
            return Bytes(node);
        }
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly string ImageId = new('a', 64);
    private static readonly string OtherImageId = new('b', 64);
    private static readonly ModelIdentity Model = new("clothing-mobilenetv2", "clothing-mobilenetv2-v2", new string('c', 64));
    private const string Bidi = "R-\u202E1gpj.exe";
    private const string Year9999 = "9999-12-31T00:00:00+00:00";

    /// <summary>Every queue the system consumes from, each published to as its rightful publisher would.</summary>
    public static IReadOnlyList<EndpointProbe> All(string worker) =>
    [
        // ImageReceived reaches production's queue and the shadow's from one exchange, as ingest publishes it.
        new(["classifier", "classifier-shadow"], "ingest", "Returns.Contracts:ImageReceived", Envelope,
            MassTransitEnvelope<ImageReceived>(ImageReceived(ImageId, returnId: Bidi)), "return id",
            MassTransitEnvelope<ImageReceived>(ImageReceived(OtherImageId, returnId: "R-1"))),
        new([$"model-registry-changed-{worker}"], "ops", "Returns.Contracts:ModelRegistryChanged", Envelope,
            MassTransitEnvelope<ModelRegistryChanged>(With(Promotion(), "at", Year9999)), "time",
            MassTransitEnvelope<ModelRegistryChanged>(Node(Promotion()))),
        new(["image-classified"], "classifier", "Returns.Contracts:ImageClassified", Envelope,
            MassTransitEnvelope<ImageClassified>(With(Classified(ImageId), "receivedAt", Year9999)), "time",
            MassTransitEnvelope<ImageClassified>(Node(Classified(ImageId)))),
        new(["image-rejected"], "classifier", "Returns.Contracts:ImageRejected", Envelope,
            MassTransitEnvelope<ImageRejected>(Node(Rejected(OtherImageId) with { ReturnId = "R-\u00071" })), "return id",
            MassTransitEnvelope<ImageRejected>(Node(Rejected(OtherImageId)))),
        new(["image-shadow-classified"], "classifier", "Returns.Contracts:ImageShadowClassified", Envelope,
            MassTransitEnvelope<ImageShadowClassified>(With(ShadowClassified(ImageId), "classifiedAt", Year9999)), "time",
            MassTransitEnvelope<ImageShadowClassified>(Node(ShadowClassified(ImageId)))),
        new(["image-reviewed"], "staff", "Returns.Contracts:ImageReviewed", Envelope,
            MassTransitEnvelope<ImageReviewed>(With(Reviewed(ImageId), "reviewedAt", Year9999)), "time",
            MassTransitEnvelope<ImageReviewed>(Node(Reviewed(ImageId)))),
        new(["photo-attached"], "ingest", "Returns.Contracts:PhotoAttached", Envelope,
            MassTransitEnvelope<PhotoAttached>(Node(Attached() with { LineId = "1\u202E" })), "line id",
            MassTransitEnvelope<PhotoAttached>(Node(Attached()))),
        // Upstream systems publish plain JSON, no envelope.
        new(["return-registered"], "upstream", "return-registered", "application/json",
            Bytes(With(Registered("R-9999"), "registeredAt", Year9999)), "registered",
            Bytes(Node(Registered("R-valid")))),
    ];

    private static JsonObject ImageReceived(string imageId, string returnId) => new()
    {
        ["imageId"] = imageId, ["sourceName"] = "photo.jpg", ["returnId"] = returnId, ["lineId"] = "1", ["contentType"] = "image/jpeg",
        ["byteSize"] = 1000, ["width"] = 640, ["height"] = 480, ["receivedAt"] = DateTimeOffset.UtcNow,
        // A claim-check entry that is not there: the classifier rejects the image (an outcome), which is processing it.
        ["image"] = new JsonObject { ["data-ref"] = "urn:returns:claim-check:" + imageId },
    };

    private static ModelRegistryChanged Promotion() => new()
    {
        Action = ModelRegistryAction.EndShadow, Version = "clothing-mobilenetv2-v1", Sha256 = new string('d', 64), By = "tests", At = DateTimeOffset.UtcNow,
    };

    private static ImageClassified Classified(string imageId) => new()
    {
        ImageId = imageId, SourceName = "photo.jpg", Model = Model, Label = "shoe", Confidence = 0.9f, TopK = [new("shoe", 0.9f)],
        ReceivedAt = DateTimeOffset.UtcNow, ClassifiedAt = DateTimeOffset.UtcNow, Worker = "tests",
    };

    private static ImageRejected Rejected(string imageId) => new()
    {
        ImageId = imageId, SourceName = "photo.jpg", Stage = RejectionStages.Ingest, Reason = RejectionReasons.Empty, Detail = "empty",
        ReceivedAt = DateTimeOffset.UtcNow, RejectedAt = DateTimeOffset.UtcNow,
    };

    private static ImageShadowClassified ShadowClassified(string imageId) => new()
    {
        ImageId = imageId, Model = Model, Label = "shoe", Confidence = 0.8f, LatencyMs = 12, Worker = "tests", ClassifiedAt = DateTimeOffset.UtcNow,
    };

    private static ImageReviewed Reviewed(string imageId) => new()
    {
        ReviewId = Guid.NewGuid(), ImageId = imageId, ModelVersion = Model.Version, ReviewedLabel = "shoe", Reviewer = "tester",
        ReviewedAt = DateTimeOffset.UtcNow,
    };

    private static PhotoAttached Attached() => new()
    {
        ImageId = ImageId, ReturnId = "R-1", LineId = "1", SourceName = "photo.jpg", AttachedAt = DateTimeOffset.UtcNow,
    };

    private static ReturnRegistered Registered(string returnId) => new()
    {
        ReturnId = returnId, OrderId = "O-1", Lines = [new("1", "SHOE-1", "Shoes")], RegisteredAt = DateTimeOffset.UtcNow,
    };

    private static JsonObject Node<T>(T message) => JsonSerializer.SerializeToNode(message, Json)!.AsObject();

    private static JsonObject With<T>(T message, string property, string value)
    {
        var node = Node(message);
        node[property] = value;
        return node;
    }

    private static byte[] MassTransitEnvelope<T>(JsonObject message) where T : class => Bytes(new JsonObject
    {
        ["messageId"] = Guid.NewGuid(),
        ["messageType"] = new JsonArray(MessageUrn.ForTypeString<T>()),
        ["message"] = message,
    });

    private static byte[] Bytes(JsonObject node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    public override string ToString() => string.Join('+', Queues);
}
