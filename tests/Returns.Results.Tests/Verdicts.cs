using Returns.Contracts;
using Returns.Results.Storage;

namespace Returns.Results.Tests;

/// <summary>Line verdicts as the assessor would store and publish them, built from the real message shape.</summary>
public static class Verdicts
{
    public static readonly DateTimeOffset Assessed = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    public static ReturnLineAssessed Of(string returnId, string lineId, string verdict, string reason = "why", string category = "Tops",
        IReadOnlyList<string>? declaredLabels = null, string? predicted = null, string[]? photos = null, int revision = 1, int minute = 0) => new()
    {
        ReturnId = returnId, LineId = lineId, OrderId = "O-" + returnId, Revision = revision, Verdict = verdict, Reason = reason,
        Sku = "SKU-" + lineId, DeclaredCategory = category, DeclaredLabels = declaredLabels ?? ["t-shirt", "shirt"],
        PredictedLabel = predicted,
        Photos = (photos ?? ["img-" + returnId + "-" + lineId]).Select(id => new AssessedPhoto(id, OutcomeStatus.Classified, predicted, 0.9f, true)).ToArray(),
        AssessedAt = Assessed.AddMinutes(minute),
    };
}
