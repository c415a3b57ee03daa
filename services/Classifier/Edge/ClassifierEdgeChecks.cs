using MassTransit;
using Returns.Contracts;
using Returns.Models;
using Returns.ServiceDefaults;
using static Returns.ServiceDefaults.EdgeChecks;
using Returns.Images.ClaimCheck;

namespace Returns.Classifier.Edge;

/// <summary>What the classifier accepts from the broker: ids of the documented form, printable ids, plausible times.
/// Anything else is refused with its reason (to the endpoint's _error queue) before it reaches a batch or a model swap.</summary>
public static class ClassifierEdgeChecks
{
    public static void Check(ImageReceived m, TimeProvider clock)
    {
        Require(ImageId.IsWellFormed(m.ImageId), "the image id is not a SHA-256");
        Require(m.SourceName is { Length: > 0 and <= 1000 }, "the source name is missing or longer than 1000 characters");
        Refuse(EdgeChecks.OptionalIdProblem("return id", m.ReturnId));
        Refuse(EdgeChecks.OptionalIdProblem("line id", m.LineId));
        Refuse(EdgeChecks.OptionalIdProblem("run id", m.RunId));
        Refuse(EdgeChecks.TimeProblem("received at", m.ReceivedAt, clock));
    }

    public static void Check(ModelRegistryChanged m, TimeProvider clock)
    {
        Require(Enum.IsDefined(m.Action), $"the action {m.Action} is not a registry action (promote, rollback, shadow, end-shadow)");
        Require(m.Version is not null && ModelsFolder.IsVersionName(m.Version), "the version is not a version name");
        Refuse(EdgeChecks.TextProblem("version", m.Version!));
        Require(m.Previous is null || ModelsFolder.IsVersionName(m.Previous), "the previous version is not a version name");
        Require(ImageId.IsWellFormed(m.Sha256), "the SHA-256 is not 64 lower-case hex digits");
        Refuse(EdgeChecks.IdProblem("promoted by", m.By));
        Refuse(EdgeChecks.TimeProblem("promoted at", m.At, clock));
    }
}
