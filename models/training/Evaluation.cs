using Returns.Inference;
using Returns.Models;

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

    /// <summary>95 % Wilson score interval for a proportion measured on <paramref name="n"/> trials.</summary>
    public static double[] WilsonInterval(double proportion, int n, double z = 1.96)
    {
        var denominator = 1 + z * z / n;
        var centre = (proportion + z * z / (2 * n)) / denominator;
        var half = z * Math.Sqrt(proportion * (1 - proportion) / n + z * z / (4.0 * n * n)) / denominator;
        return [centre - half, centre + half];
    }

    /// <summary>Mean |accuracy − confidence| over 15 equal-width confidence bins, weighted by their share.</summary>
    public static double ExpectedCalibrationError(IReadOnlyList<(double Confidence, bool Correct)> scored, int bins = 15)
    {
        var error = 0.0;
        for (var b = 0; b < bins; b++)
        {
            var (low, high) = (b / (double)bins, (b + 1) / (double)bins);
            var inBin = scored.Where(s => s.Confidence > low && s.Confidence <= high).ToArray();
            if (inBin.Length > 0)
                error += inBin.Length / (double)scored.Count * Math.Abs(inBin.Average(s => s.Correct ? 1.0 : 0.0) - inBin.Average(s => s.Confidence));
        }
        return error;
    }

    /// <summary>Accuracy of the most confident share of predictions, at 50 % to 100 % coverage.</summary>
    public static IReadOnlyList<RiskCoveragePoint> RiskCoverage(IReadOnlyList<(double Confidence, bool Correct)> scored) =>
        new[] { 0.5, 0.6, 0.7, 0.8, 0.9, 1.0 }.Select(coverage =>
        {
            var kept = scored.OrderByDescending(s => s.Confidence).Take(Math.Max(1, (int)Math.Round(coverage * scored.Count))).ToArray();
            return new RiskCoveragePoint(coverage, Math.Round(kept.Average(s => s.Correct ? 1.0 : 0.0), 4), Math.Round(kept.Min(s => s.Confidence), 4));
        }).ToArray();
}
