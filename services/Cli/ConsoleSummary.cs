using Returns.Contracts;
using Returns.Results.Reports;
using Spectre.Console;

namespace Returns.Cli;

public static class ConsoleSummary
{
    public static void Print(NightlyReport report, RunStatistics stats, DirectoryInfo output)
    {
        var c = report.Counts;
        AnsiConsole.MarkupLineInterpolated(
            $"[bold]{c.Files}[/] files → [bold]{c.Images}[/] images: [green]{c.Classified} classified[/], [yellow]{c.NeedsRetake} need a retake[/], [red]{c.Rejected} rejected[/], [yellow]{c.Pending} pending[/]");
        AnsiConsole.MarkupLineInterpolated(
            $"model {report.Model.Version}; this run: {stats.Published} sent to the classifier, {stats.AlreadyDone} already done, {stats.Seconds:F1} s ({stats.ImagesPerSecond:F1} images/s)");

        var labels = new Table().Title("What came back").AddColumns("label", "count", "share");
        foreach (var l in report.PerLabel)
            labels.AddRow(l.Label, l.Count.ToString(), $"{l.Share:P0}");
        AnsiConsole.Write(labels);

        if (report.NeedPerson > 0)
            AnsiConsole.MarkupLineInterpolated(
                $"[yellow]{report.NeedPerson} images need a person ({report.LowConfidence.Count} under {Returns.Results.Confidence.Format(report.LowConfidenceThreshold)} confidence, the rest need a retake)[/] (needs_review = yes in the CSV)");
        if (c.Reviewed > 0)
            AnsiConsole.MarkupLineInterpolated(
                $"{c.Reviewed} images already reviewed by staff, {c.Corrected} of them corrected (reviewed_label and final_label in the CSV)");
        var review = report.Review;
        AnsiConsole.MarkupLineInterpolated(
            $"{review.AutoAccepted} labels accepted without review; about {review.ExpectedErrors:F1} of them expected to be wrong ({review.ExpectedAccuracy:P1} expected accuracy{(review.TargetAccuracy is { } t ? $", target {t:P0}" : "")})");
        if (report.NeedsRetake.Count > 0)
        {
            var retakes = new Table().Title("Needs a retake (needs_review = yes too; the label does not count)").AddColumns("reason", "file", "detail");
            foreach (var row in report.NeedsRetake)
                retakes.AddRow(Markup.Escape(row.Reason!), Markup.Escape(string.Join(", ", row.SourceNames)), Markup.Escape(row.Detail ?? ""));
            AnsiConsole.Write(retakes);
        }
        if (report.Rejected.Count > 0)
        {
            var rejected = new Table().Title("Could not be read").AddColumns("reason", "file", "detail");
            foreach (var row in report.Rejected.SelectMany(g => g.Items))
                rejected.AddRow(Markup.Escape(row.Reason!), Markup.Escape(string.Join(", ", row.SourceNames)), Markup.Escape(row.Detail ?? ""));
            AnsiConsole.Write(rejected);
        }
        PrintReturnLines(report.ReturnLines);
        if (report.Drift is { } drift)
        {
            if (drift.Flagged)
                AnsiConsole.MarkupLineInterpolated($"[red]drift: {drift.Verdict}[/]");
            else
                AnsiConsole.MarkupLineInterpolated($"drift: {drift.Verdict}");
        }
        AnsiConsole.MarkupLineInterpolated(
            $"report: {Path.Combine(output.FullName, ReportHtml.File)} (for people), {ReportWriter.CsvFile}, {LinesCsv.File}, {ReportWriter.SummaryFile}");
    }

    /// <summary>Only when the run had photos of registered return lines: the counts, the unmapped categories and the
    /// mismatches, which staff must look at first.</summary>
    private static void PrintReturnLines(ReturnLinesSection section)
    {
        var c = section.Counts;
        if (c.Lines == 0)
            return;
        AnsiConsole.MarkupLineInterpolated(
            $"{c.Returns} returns, {c.Lines} lines: [red]{c.Mismatches} mismatches[/], [yellow]{c.Inconclusive} inconclusive[/], [green]{c.Matches} matches[/], [yellow]{c.Incomplete} incomplete[/]");
        foreach (var unmapped in section.Unmapped)
            AnsiConsole.MarkupLineInterpolated($"[yellow]unmapped category: {unmapped.Category} ({unmapped.Lines} lines)[/]");
        var mismatches = section.Returns.SelectMany(r => r.Lines).Where(l => l.Verdict == LineVerdicts.Mismatch).ToArray();
        if (mismatches.Length == 0)
            return;
        var table = new Table().Title("Mismatches (lines.csv has every line)").AddColumns("return", "line", "declared", "photos show");
        foreach (var line in mismatches)
            table.AddRow(Markup.Escape(line.ReturnId), Markup.Escape(line.LineId), Markup.Escape(line.DeclaredCategory),
                Markup.Escape(string.Join(", ", LinesCsv.PredictedLabels(line))));
        AnsiConsole.Write(table);
    }
}
