namespace Returns.Results.Shadow;

/// <summary>A candidate in shadow against production on the same live images.</summary>
/// <param name="ShadowOutcomes">Every image the candidate classified in shadow.</param>
/// <param name="Compared">Those production also labelled with its current version: the images compared.</param>
/// <param name="PerClass">Agreement by production's label, largest class first.</param>
/// <param name="Reviewed">On the compared images a person has labelled since, how often each version was right.</param>
public sealed record ModelComparison(
    string Candidate, string Production, int ShadowOutcomes, int Compared, int Agreed, IReadOnlyList<ClassAgreement> PerClass,
    ReviewedAccuracy Reviewed, LatencySummary? CandidateLatency, LatencySummary? ProductionLatency)
{
    public double? Agreement => Compared == 0 ? null : Agreed / (double)Compared;
}

public sealed record ClassAgreement(string Label, int Images, int Agreed)
{
    public double Agreement => Agreed / (double)Images;
}

public sealed record ReviewedAccuracy(int Images, int ProductionCorrect, int CandidateCorrect)
{
    public double? ProductionAccuracy => Images == 0 ? null : ProductionCorrect / (double)Images;
    public double? CandidateAccuracy => Images == 0 ? null : CandidateCorrect / (double)Images;
}

/// <summary>Per-image classification time as the workers measured it (decode, preprocessing, inference).</summary>
public sealed record LatencySummary(int Images, double MeanMs, double P95Ms)
{
    public static LatencySummary? Of(List<double> milliseconds)
    {
        if (milliseconds.Count == 0)
            return null;
        milliseconds.Sort();
        return new LatencySummary(milliseconds.Count, milliseconds.Average(), milliseconds[(int)Math.Ceiling(0.95 * milliseconds.Count) - 1]);
    }
}
