using Returns.Results.Storage;

namespace Returns.Results.Reports;

/// <summary>How often people agreed with one model label: of the images the model called <see cref="Label"/> that a
/// person reviewed, how many kept that label.</summary>
public sealed record LabelAgreement(string Label, int Reviewed, int Agreed)
{
    public double Rate => Reviewed == 0 ? 0 : Math.Round(Agreed / (double)Reviewed, 4);
}

/// <summary>
/// Agreement between a model version and the people who reviewed its outcomes, per model label and overall, over each
/// image's latest review. People mostly review what the model was unsure of, so this is not the model's accuracy: it
/// says where reviewers overrule it most. Reviews where the model gave no label are left out.
/// </summary>
public sealed record ReviewAgreement(string ModelVersion, int Reviewed, int Agreed, IReadOnlyList<LabelAgreement> PerLabel)
{
    public double Rate => Reviewed == 0 ? 0 : Math.Round(Agreed / (double)Reviewed, 4);

    public static ReviewAgreement Of(string modelVersion, IEnumerable<StoredReview> reviews)
    {
        var latest = StoredReview.LatestPerImage(reviews.Where(r => r.ModelVersion == modelVersion))
            .Where(r => r.PreviousLabel is not null)
            .ToArray();
        return FromLabels(modelVersion, latest
            .GroupBy(r => r.PreviousLabel!)
            .Select(g => new LabelAgreement(g.Key, g.Count(), g.Count(r => !r.Corrected))));
    }

    /// <summary>The overall figures from the per-label ones (as a store counts them), labels in ordinal order.</summary>
    public static ReviewAgreement FromLabels(string modelVersion, IEnumerable<LabelAgreement> perLabel)
    {
        var labels = perLabel.OrderBy(l => l.Label, StringComparer.Ordinal).ToArray();
        return new ReviewAgreement(modelVersion, labels.Sum(l => l.Reviewed), labels.Sum(l => l.Agreed), labels);
    }
}
