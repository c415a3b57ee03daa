using Returns.Contracts;
using Returns.ServiceDefaults;
using static Returns.ServiceDefaults.EdgeChecks;
using Returns.Images.ClaimCheck;

namespace Returns.Results.Consumers;

/// <summary>
/// What the results service stores must be well-formed: an image id that is a SHA-256, a model that names itself,
/// a confidence that is a probability, bounded text. Anything else is a forged or broken message: it is refused
/// (straight to the _error queue), never stored, so it can neither pollute a report nor block the real outcome.
/// </summary>
public static class OutcomeValidation
{
    private const int MaxText = 1000;

    public static void Check(ImageClassified m, TimeProvider clock)
    {
        CheckCommon(m.ImageId, m.SourceName, m.ReturnId, m.LineId, m.RunId);
        Refuse(EdgeChecks.TimeProblem("received at", m.ReceivedAt, clock));
        Refuse(EdgeChecks.TimeProblem("classified at", m.ClassifiedAt, clock));
        CheckModel(m.Model);
        Require(!string.IsNullOrWhiteSpace(m.Label) && m.Label.Length <= 100, "the label is empty or too long");
        Require(float.IsFinite(m.Confidence) && m.Confidence is >= 0 and <= 1, "the confidence is not a probability");
        Require(m.TopK is { Count: > 0 and <= 50 } && m.TopK[0].Label == m.Label
            && m.TopK.All(s => s is not null && float.IsFinite(s.Score) && s.Score is >= 0 and <= 1 && s.Label is { Length: > 0 and <= 100 }),
            "the top-k scores do not match the label");
    }

    public static void Check(ImageShadowClassified m, TimeProvider clock)
    {
        Require(ImageId.IsWellFormed(m.ImageId), "the image id is not a SHA-256");
        Refuse(EdgeChecks.OptionalIdProblem("run id", m.RunId));
        Refuse(EdgeChecks.TimeProblem("classified at", m.ClassifiedAt, clock));
        CheckModel(m.Model);
        Require(!string.IsNullOrWhiteSpace(m.Label) && m.Label.Length <= 100, "the label is empty or too long");
        Require(float.IsFinite(m.Confidence) && m.Confidence is >= 0 and <= 1, "the confidence is not a probability");
        Require(m.RetakeReason is null || m.RetakeReason.Length <= 64, "the retake reason is too long");
        Require(double.IsFinite(m.LatencyMs) && m.LatencyMs >= 0, "the latency is not a duration");
        Require(m.Worker is { Length: > 0 and <= 200 }, "the worker is missing or too long");
    }

    public static void Check(ImageRejected m, TimeProvider clock)
    {
        CheckCommon(m.ImageId, m.SourceName, m.ReturnId, m.LineId, m.RunId);
        Refuse(EdgeChecks.TimeProblem("received at", m.ReceivedAt, clock));
        Refuse(EdgeChecks.TimeProblem("rejected at", m.RejectedAt, clock));
        Require(m.Stage is RejectionStages.Ingest or RejectionStages.Classifier, "unknown rejection stage");
        Require(m.Stage == RejectionStages.Ingest ? m.Model is null : m.Model is not null, "a classifier rejection names its model, an ingest one none");
        if (m.Model is not null)
            CheckModel(m.Model);
        Require(m.Reason is { Length: > 0 and <= 64 } && m.Reason.All(c => char.IsAsciiLetterLower(c) || c == '_'), "the reason is not a reason code");
        Require(m.Detail is { Length: <= MaxText }, "the detail is missing or too long");
    }

    public static void Check(ImageReviewed m, TimeProvider clock)
    {
        Require(m.ReviewId != Guid.Empty, "the review has no id");
        Require(ImageId.IsWellFormed(m.ImageId), "the image id is not a SHA-256");
        Require(m.ModelVersion is { Length: > 0 and <= 100 }, "the model version is missing or too long");
        Require(IsLabel(m.ReviewedLabel), "the reviewed label is not a label");
        Require(m.PreviousLabel is null || m.PreviousLabel.Length is > 0 and <= 100, "the previous label is empty or too long");
        Refuse(EdgeChecks.IdProblem("reviewer", m.Reviewer));
        Refuse(EdgeChecks.TimeProblem("reviewed at", m.ReviewedAt, clock));
    }

    public static void Check(ImageReviewWithdrawn m)
    {
        Require(m.ReviewId != Guid.Empty, "the withdrawal names no review");
        Require(ImageId.IsWellFormed(m.ImageId), "the image id is not a SHA-256");
        Require(m.WithdrawnBy is { Length: > 0 and <= 200 } && !string.IsNullOrWhiteSpace(m.WithdrawnBy) && !m.WithdrawnBy.Any(char.IsControl),
            "whoever withdrew it is missing, too long or not printable");
        Require(m.WithdrawnAt != default, "the withdrawal has no time");
    }

    /// <summary>What a label looks like: a short lower-case token (letters, digits, '-', '_') such as "t-shirt". It
    /// becomes a folder name in a corrections export, so nothing else is accepted from a person.</summary>
    public static bool IsLabel(string? label) =>
        label is { Length: > 0 and <= 64 } && (char.IsAsciiLetterLower(label[0]) || char.IsAsciiDigit(label[0]))
        && label.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_');

    private static void CheckCommon(string? imageId, string? sourceName, string? returnId, string? lineId, string? runId)
    {
        Require(ImageId.IsWellFormed(imageId), "the image id is not a SHA-256");
        Require(sourceName is { Length: > 0 and <= MaxText }, "the source name is missing or too long");
        Refuse(EdgeChecks.OptionalIdProblem("return id", returnId));
        Refuse(EdgeChecks.OptionalIdProblem("line id", lineId));
        Refuse(EdgeChecks.OptionalIdProblem("run id", runId));
    }

    private static void CheckModel(ModelIdentity? model) =>
        Require(model is { Name.Length: > 0 and <= 200, Version.Length: > 0 and <= 100, Sha256.Length: <= 64 }, "the model is not named");
}
