using Returns.Classifier.Inference;

namespace Returns.Training;

/// <summary>Scores the exported model.onnx through the serving path (ImageClassifier), so the card states what
/// production will actually do, not what the in-memory head did.</summary>
public static class TestSplitEvaluation
{
    public sealed record Result(ModelEvaluation Metrics, ModelBaseline Baseline);

    public static Result Run(ModelCard card, string modelPath, IReadOnlyList<LabelledImage> test, double validationAccuracy)
    {
        using var classifier = new ImageClassifier(card, modelPath);
        var predictions = test.Chunk(16)
            .SelectMany(chunk => classifier.Classify(chunk.Select(i => File.ReadAllBytes(i.Path)).ToArray()))
            .Select(o => o.Prediction ?? throw new InvalidDataException($"a test image failed to decode: {o.RejectionDetail}"))
            .ToArray();
        var truth = test.Select(i => i.Label).ToArray();
        var predicted = predictions.Select(p => card.Labels.ToList().IndexOf(p.Label)).ToArray();
        var confusion = Evaluation.Confusion(truth, predicted, card.Labels.Count);

        var metrics = new ModelEvaluation
        {
            Split = "test",
            Images = test.Count,
            Accuracy = Math.Round(Evaluation.Accuracy(truth, predicted), 4),
            ValidationAccuracy = Math.Round(validationAccuracy, 4),
            PerClass = Evaluation.PerClass(confusion, card.Labels),
            ConfusionMatrix = confusion,
        };
        var classMix = card.Labels.ToDictionary(l => l, l => Math.Round(predictions.Count(p => p.Label == l) / (double)predictions.Length, 4));
        var baseline = new ModelBaseline(classMix, Math.Round(predictions.Average(p => p.Confidence), 4));
        return new Result(metrics, baseline);
    }
}
