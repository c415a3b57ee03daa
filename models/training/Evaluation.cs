using Returns.Classifier.Inference;

namespace Returns.Training;

public static class Evaluation
{
    public static double Accuracy(IReadOnlyList<int> truth, IReadOnlyList<int> predicted) =>
        truth.Count == 0 ? 0 : truth.Zip(predicted).Count(p => p.First == p.Second) / (double)truth.Count;

    public static int[][] Confusion(IReadOnlyList<int> truth, IReadOnlyList<int> predicted, int classes)
    {
        var matrix = Enumerable.Range(0, classes).Select(_ => new int[classes]).ToArray();
        foreach (var (t, p) in truth.Zip(predicted))
            matrix[t][p]++;
        return matrix;
    }

    public static IReadOnlyList<ClassMetrics> PerClass(int[][] confusion, IReadOnlyList<string> labels) =>
        labels.Select((label, k) =>
        {
            var truePositives = confusion[k][k];
            var predicted = confusion.Sum(row => row[k]);
            var support = confusion[k].Sum();
            return new ClassMetrics(label,
                Math.Round(predicted == 0 ? 0 : truePositives / (double)predicted, 4),
                Math.Round(support == 0 ? 0 : truePositives / (double)support, 4),
                support);
        }).ToArray();

    public static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
            if (values[i] > values[best])
                best = i;
        return best;
    }
}
