using Returns.Results.Shadow;
using Spectre.Console;

namespace Returns.Cli;

/// <summary>`returns model compare` on the console: agreement overall and per class, accuracy on reviewed images, latency.</summary>
public static class ComparisonOutput
{
    public static void Print(ModelComparison c)
    {
        AnsiConsole.MarkupLineInterpolated($"[bold]{c.Candidate}[/] (shadow) against [bold]{c.Production}[/] (production)");
        AnsiConsole.MarkupLineInterpolated($"shadow outcomes: {c.ShadowOutcomes}; compared (production labelled them too): {c.Compared}");
        if (c.Compared == 0)
        {
            AnsiConsole.MarkupLine("[yellow]nothing to compare yet: put the candidate in shadow (returns model shadow V) and let traffic run[/]");
            return;
        }
        AnsiConsole.MarkupLineInterpolated($"agreement: {c.Agreement:P1} ({c.Agreed} of {c.Compared})");

        var classes = new Table().AddColumns("production label", "images", "agreement");
        foreach (var k in c.PerClass)
            classes.AddRow(k.Label, k.Images.ToString(), $"{k.Agreement:P1}");
        AnsiConsole.Write(classes);

        var r = c.Reviewed;
        if (r.Images == 0)
            AnsiConsole.MarkupLine("reviewed images: 0 (accuracy on reviewed images needs reviews of images the candidate saw)");
        else
            AnsiConsole.MarkupLineInterpolated($"reviewed images: {r.Images}; accuracy {c.Candidate} {r.CandidateAccuracy:P1} ({r.CandidateCorrect}), {c.Production} {r.ProductionAccuracy:P1} ({r.ProductionCorrect})");
        AnsiConsole.MarkupLineInterpolated($"latency per image: {c.Candidate} {Latency(c.CandidateLatency)}; {c.Production} {Latency(c.ProductionLatency)}");
    }

    private static string Latency(LatencySummary? latency) =>
        latency is null ? "not measured" : $"mean {latency.MeanMs:F1} ms, p95 {latency.P95Ms:F1} ms over {latency.Images} images";
}
