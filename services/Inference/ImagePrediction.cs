using Returns.Contracts;

namespace Returns.Inference;

public sealed record ImagePrediction(string Label, float Confidence, IReadOnlyList<LabelScore> TopK, float[] Probabilities);

/// <summary>One image's outcome in a batch: a prediction, or the reason it could not be decoded.</summary>
public sealed record ClassificationOutcome(ImagePrediction? Prediction, string? RejectionReason, string? RejectionDetail)
{
    public bool Classified => Prediction is not null;

    /// <summary>Set when the photo failed the quality gate: the prediction is a guess to show staff, not a label.</summary>
    public Retake? Retake { get; init; }

    /// <summary>A JPEG preview (see <see cref="Imaging.Thumbnail"/>), when thumbnails are on.</summary>
    public byte[]? Thumbnail { get; init; }
}
