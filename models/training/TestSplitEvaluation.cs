using Returns.Inference;
using Returns.Models;

namespace Returns.Training;

/// <summary>Scores the exported model.onnx through the serving path (ImageClassifier), so the card states what
/// production will actually do, not what training did in memory.</summary>
public static class TestSplitEvaluation
{
    public sealed record Scored(double Confidence, bool Correct);

    public sealed record Result(ModelEvaluation Metrics, ModelBaseline Baseline, double CalibrationError, IReadOnlyList<Scored> Scored);

    public static Result Run(ModelCard card, string modelPath, IReadOnlyList<LabelledImage> test, double heldOutAccuracy)
    {
        using var classifier = new ImageClassifier(card, modelPath);
        var predictions = test.Chunk(16)
            .SelectMany(chunk => classifier.Classify(chunk.Select(i => File.ReadAllBytes(i.Path)).ToArray()))
            .Select(o => o.Prediction ?? throw new InvalidDataException($"a test image failed to decode: {o.RejectionDetail}"))
            .ToArray();
        var truth = test.Select(i => i.Label).ToArray();
        var predicted = predictions.Select(p => card.Labels.ToList().IndexOf(p.Label)).ToArray();
        var confusion = Evaluation.Confusion(truth, predicted, card.Labels.Count);
        var scored = predictions.Select((p, i) => new Scored(p.Confidence, predicted[i] == truth[i])).ToArray();
        var accuracy = Evaluation.Accuracy(truth, predicted);

        var metrics = new ModelEvaluation
        {
            Split = "test",
            Images = test.Count,
            Accuracy = Math.Round(accuracy, 4),
            AccuracyInterval = Evaluation.WilsonInterval(accuracy, test.Count).Select(v => Math.Round(v, 4)).ToArray(),
            ValidationAccuracy = Math.Round(heldOutAccuracy, 4),
            PerClass = Evaluation.PerClass(confusion, card.Labels),
            ConfusionMatrix = confusion,
            RiskCoverage = Evaluation.RiskCoverage(scored.Select(s => (s.Confidence, s.Correct)).ToArray()),
        };
        var classMix = card.Labels.ToDictionary(l => l, l => Math.Round(predictions.Count(p => p.Label == l) / (double)predictions.Length, 4));
        var baseline = new ModelBaseline(classMix, Math.Round(predictions.Average(p => p.Confidence), 4));
        var calibrationError = Evaluation.ExpectedCalibrationError(scored.Select(s => (s.Confidence, s.Correct)).ToArray());
        return new Result(metrics, baseline, Math.Round(calibrationError, 4), scored);
    }
}
