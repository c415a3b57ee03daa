using System.Globalization;
using System.Net;
using System.Text;
using Returns.Results.Storage;

namespace Returns.Results.Reports;

/// <summary>The morning page for staff: one self-contained HTML file (inline CSS and SVG, no scripts, no network).</summary>
public static class ReportHtml
{
    public const string File = "report.html";

    /// <summary>The run facts that name the page in its heading (and are not listed again below it).</summary>
    public const string RunFact = "run", PeriodFact = "period";

    /// <summary>Rows the page lists per section at most: a page of more is not read by anyone (and would not open);
    /// the section then says how many there are and which file has them all.</summary>
    public const int SectionLimit = 500;

    /// <summary>The images the page shows a thumbnail of: the listed rows of the review queue, what people reviewed,
    /// the retakes and the photos of the return lines.</summary>
    public static IEnumerable<string> ImagesWithThumbnails(NightlyReport report) =>
        report.LowConfidence.Take(SectionLimit).Concat(report.Reviewed.Take(SectionLimit)).Concat(report.NeedsRetake.Take(SectionLimit)).Select(r => r.ImageId)
            .Concat(ReturnLinesHtml.Listed(report.ReturnLines).SelectMany(l => l.Line.Photos).Select(p => p.ImageId))
            .Distinct(StringComparer.Ordinal);

    /// <summary>"Showing the first 500 of 85,000: every one is in report.csv." when a section lists fewer than it has.</summary>
    internal static string MoreIn(int shown, int total, string file, string how) => shown >= total ? ""
        : $"<p class=\"warn more\">Showing the first {shown:N0} of {total:N0}: all of them are in <b>{E(file)}</b> ({E(how)}).</p>";

    /// <param name="thumbnail">A data: URI of a small picture of the image with this id, or null.</param>
    /// <param name="run">Facts about the run that wrote the page (throughput), shown as they are.</param>
    public static string Render(NightlyReport report, Func<string, string?> thumbnail, IReadOnlyList<(string Name, string Value)> run)
    {
        using var html = new StringWriter();
        Render(report, thumbnail, run, html);
        return html.ToString();
    }

    /// <summary>Writes the page as it goes, so a night of many thousand images is never one string in memory.</summary>
    public static void Render(NightlyReport report, Func<string, string?> thumbnail, IReadOnlyList<(string Name, string Value)> run, TextWriter html)
    {
        var c = report.Counts;
        var title = Title(report, run);
        html.Write($$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{E(title)}}</title>
            <style>
            body{font:15px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1100px;color:#1d2733;padding:0 16px}
            h1{margin:0 0 4px;font-size:1.6rem}h2{margin:28px 0 8px;border-bottom:1px solid #d6dde5;padding-bottom:4px}
            .muted{color:#4f5f70}.cards{display:flex;gap:12px;flex-wrap:wrap}.card{border:1px solid #d6dde5;border-radius:8px;padding:10px 16px;min-width:120px}
            .card b{display:block;font-size:26px}.ok{color:#1a7f37}.bad{color:#b42318}.warn{color:#8a4b00}
            .table-wrap{overflow-x:auto;max-width:100%}
            table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #e6ebf0;padding:5px 8px;text-align:left;vertical-align:middle;overflow-wrap:anywhere}
            img.thumb{width:72px;height:72px;object-fit:cover;border-radius:4px;background:#eef2f6}
            .charts{display:flex;gap:24px;flex-wrap:wrap}.charts figure{margin:0;max-width:100%}svg{max-width:100%;height:auto}
            tr.corrected td{background:#fff4e5}.badge{border-radius:4px;padding:1px 6px;font-size:12px;background:#8a4b00;color:#fff}
            .explain{background:#f3f6f9;border-radius:6px;padding:8px 12px;margin:8px 0}.flag{border-left:4px solid #b42318;padding:6px 10px;background:#fdf0ef}
            p,li{overflow-wrap:anywhere}
            </style></head><body>
            <h1>{{E(title)}}</h1>
            <p class="muted">Every number below comes from model <b>{{E(ModelName(report.Model))}}</b>
            (SHA-256 {{E(Short(report.Model.Sha256))}}).</p>
            <div class="cards">
            <div class="card"><b>{{c.Files}}</b>files received</div><div class="card"><b>{{c.Images}}</b>distinct images</div>
            <div class="card"><b class="ok">{{c.Classified}}</b>classified</div><div class="card"><b class="{{Warn(c.NeedsRetake)}}">{{c.NeedsRetake}}</b>need a retake</div>
            <div class="card"><b class="{{Bad(c.Rejected)}}">{{c.Rejected}}</b>rejected</div><div class="card"><b class="{{Warn(c.Pending)}}">{{c.Pending}}</b>still pending</div>
            <div class="card"><b class="{{Warn(report.NeedPerson)}}">{{report.NeedPerson}}</b>need a person</div>
            <div class="card"><b>{{c.Reviewed}}</b>reviewed by staff</div><div class="card"><b class="{{Warn(c.Corrected)}}">{{c.Corrected}}</b>corrected</div>
            </div>
            <p>{{Reconciliation(c)}}</p>
            """);
        foreach (var (name, value) in run.Where(f => f.Name is not (RunFact or PeriodFact)))
            html.Write($"<span class=\"muted\">{E(name)}: <b>{E(value)}</b></span> &nbsp; ");

        html.Write("<h2>What came back</h2><div class=\"charts\">");
        html.Write(Figure("Items per label", BarChart(report.PerLabel.Select(l => (l.Label, (double)l.Count, (double?)null)).ToArray(), "count")));
        html.Write(Figure("Confidence of classified items", BarChart(Histogram(report.ConfidenceBins ?? ReportFigures.Of(0, report.Rows).ConfidenceBins), "count")));
        if (report.Drift is { } drift)
            html.Write(Figure("Mix of labels: tonight (dark) and in the model's training data (light)",
                BarChart(drift.Labels.Select(l => (l.Label, l.Tonight * 100, (double?)(l.Baseline * 100))).ToArray(), "%")));
        html.Write("</div>");
        if (report.Drift is { } d)
            html.Write($"<p class=\"{(d.Flagged ? "bad" : "ok")}\"><b>Do tonight's photos look like what the model learned from? {E(d.Verdict)}.</b> " +
                $"The mix of labels differs from the model's training data by {Confidence.Format(d.TotalVariation)}; " +
                $"the model's average confidence is {Confidence.Format(d.MeanConfidence)} (in training: {Confidence.Format(d.BaselineMeanConfidence)}).</p>" +
                "<p class=\"explain\">This is called <i>drift</i>. The class mix compares each label's share tonight (dark bars) with its share in the " +
                "photos the model was trained on (light bars). A large difference, or confidence well below training, means tonight's photos are " +
                "unlike what the model learned from (another camera or light, a new kind of item): check a few by hand before trusting the labels.</p>");

        var review = report.Review;
        html.Write($"<h2>For a person to check ({report.LowConfidenceTotal} unsure labels)</h2>");
        html.Write("<p class=\"explain\">Each label comes with the model's confidence. Confidence is <i>calibrated</i>: of all labels shown at 90 %, " +
            $"about 9 in 10 are right. Labels under {Confidence.Format(report.LowConfidenceThreshold)} go to a person; the rest are used as they are.</p>");
        var underTarget = review.TargetAccuracy is { } target && Math.Round(review.ExpectedAccuracy, 3) < target;
        html.Write($"<p class=\"{(underTarget ? "flag" : "")}\" id=\"expected-accuracy\">{review.AutoAccepted} labels were used without a person's look; " +
            $"about <b>{review.ExpectedErrors:F1}</b> of them are expected to be wrong: <b>{Confidence.Format(review.ExpectedAccuracy)} expected accuracy</b>" +
            (review.TargetAccuracy is { } t
                ? underTarget
                    ? $". <b class=\"bad\">⚠ Below the {Confidence.Format(t)} the threshold was set for</b>: have more labels checked, or raise the review threshold.</p>"
                    : $", on target (the threshold was set for {Confidence.Format(t)}).</p>"
                : ".</p>"));
        if (report.LowConfidence.Count == 0)
            html.Write("<p class=\"muted\">No label needs a person's check: the model was sure enough of every one, or staff have checked them.</p>");
        else
        {
            html.Write(MoreIn(Math.Min(report.LowConfidence.Count, SectionLimit), report.LowConfidenceTotal, ReportWriter.CsvFile,
                "needs_review = yes, status classified"));
            html.Write("<div class=\"table-wrap\"><table><tr><th>photo</th><th>file</th><th>model says</th><th>top 3</th><th>image id</th></tr>");
            foreach (var row in report.LowConfidence.Take(SectionLimit))
                html.Write($"<tr><td>{Thumbnail(thumbnail(row.ImageId))}</td><td>{E(string.Join(", ", row.SourceNames))}</td>" +
                    $"<td><b>{E(row.Label)}</b> {Confidence.Format(row.Confidence)}</td><td>{E(TopK(row))}</td>" +
                    $"<td class=\"muted\">{E(Short(row.ImageId))}</td></tr>");
            html.Write("</table></div>");
        }
        html.Write(ReviewedSection(report, thumbnail));
        html.Write(ReturnLinesHtml.Section(report.ReturnLines, thumbnail));

        html.Write($"<h2>Needs a retake ({c.NeedsRetake})</h2>");
        if (report.NeedsRetake.Count == 0)
            html.Write("<p class=\"muted\">Every photo was good enough to use.</p>");
        else
        {
            html.Write("<p class=\"muted\">Too dark, overexposed, blank or blurred: photograph these again. The model's guess is shown, not counted.</p>");
            html.Write(MoreIn(Math.Min(report.NeedsRetake.Count, SectionLimit), c.NeedsRetake, ReportWriter.CsvFile, "status needs_retake"));
            html.Write("<div class=\"table-wrap\"><table><tr><th>photo</th><th>reason</th><th>file</th><th>detail</th><th>model's guess</th></tr>");
            foreach (var row in report.NeedsRetake.Take(SectionLimit))
                html.Write($"<tr><td>{Thumbnail(thumbnail(row.ImageId))}</td><td><b>{E(row.Reason)}</b></td><td>{E(string.Join(", ", row.SourceNames))}</td>" +
                    $"<td>{E(row.Detail)}</td><td class=\"muted\">{E(TopK(row))}</td></tr>");
            html.Write("</table></div>");
        }

        html.Write($"<h2>Could not be read ({c.Rejected})</h2>");
        if (c.Rejected == 0)
            html.Write("<p class=\"muted\">Every file could be read.</p>");
        else
        {
            var rejected = report.Rejected.SelectMany(g => g.Items).Take(SectionLimit).ToArray();
            html.Write(MoreIn(rejected.Length, c.Rejected, ReportWriter.CsvFile, "status rejected"));
            html.Write("<div class=\"table-wrap\"><table><tr><th>reason</th><th>file</th><th>stage</th><th>detail</th></tr>");
            foreach (var row in rejected)
                html.Write($"<tr><td><b>{E(row.Reason)}</b></td><td>{E(string.Join(", ", row.SourceNames))}</td><td>{E(row.Stage)}</td><td>{E(row.Detail)}</td></tr>");
            html.Write("</table></div>");
        }
        html.Write("</body></html>\n");
    }

    /// <summary>What people settled: the model's label beside theirs, corrected rows highlighted.</summary>
    private static string ReviewedSection(NightlyReport report, Func<string, string?> thumbnail)
    {
        var html = new StringBuilder($"<h2>Reviewed by staff ({report.Counts.Reviewed}; {report.Counts.Corrected} corrected)</h2>");
        if (report.Reviewed.Count == 0)
            return html.Append("<p class=\"muted\">Nobody has reviewed an image of this report yet.</p>").ToString();
        html.Append("<p class=\"muted\">These no longer need review; the reviewed label is the final label, and the per-label counts use it.</p>");
        html.Append(MoreIn(Math.Min(report.Reviewed.Count, SectionLimit), report.Counts.Reviewed, ReportWriter.CsvFile, "a reviewed_label"));
        html.Append("<div class=\"table-wrap\"><table><tr><th>photo</th><th>file</th><th>model says</th><th>staff say</th><th>by</th><th>when</th></tr>");
        foreach (var row in report.Reviewed.Take(SectionLimit))
            html.Append($"<tr{(row.Corrected ? " class=\"corrected\"" : "")}><td>{Thumbnail(thumbnail(row.ImageId))}</td>" +
                $"<td>{E(string.Join(", ", row.SourceNames))}</td><td>{E(row.Label)} {Confidence.Format(row.Confidence)}</td>" +
                $"<td><b>{E(row.ReviewedLabel)}</b>{(row.Corrected ? " <span class=\"badge\">corrected</span>" : "")}</td>" +
                $"<td>{E(row.ReviewedBy)}</td><td class=\"muted\">{row.ReviewedAt:yyyy-MM-dd HH:mm} UTC</td></tr>");
        return html.Append("</table></div>").ToString();
    }

    /// <summary>"Night report, run X, Thu 3 Dec 2026" for a run; "Report for Thu 3 Dec 2026 (UTC)" for a period.</summary>
    private static string Title(NightlyReport report, IReadOnlyList<(string Name, string Value)> run)
    {
        if (run.FirstOrDefault(f => f.Name == PeriodFact).Value is { } period)
            return $"Returns — report for {period}";
        var last = report.Rows.Select(r => r.CompletedAt).Where(t => t is not null).Max();
        var day = (last ?? DateTimeOffset.UtcNow).UtcDateTime.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture);
        return run.FirstOrDefault(f => f.Name == RunFact).Value is { } id ? $"Returns — night report, run {id}, {day}" : $"Returns — night report, {day}";
    }

    /// <summary>The model as people name it: its version alone when that already starts with its name (no "m m-v2").</summary>
    public static string ModelName(Contracts.ModelIdentity model) =>
        model.Version.StartsWith(model.Name, StringComparison.Ordinal) || model.Name.Length == 0 ? model.Version : $"{model.Name} {model.Version}";

    private static string TopK(ReportRow row) => string.Join(", ", row.TopK.Take(3).Select(s => $"{s.Label} {Confidence.Format(s.Score)}"));

    private static string Warn(int count) => count > 0 ? "warn" : "";

    private static string Bad(int count) => count > 0 ? "bad" : "";

    private static string Reconciliation(ReportCounts c) => c.Reconciles
        ? $"<span class=\"ok\">✔ reconciled:</span> {c.Images} images = {c.Classified} classified + {c.NeedsRetake} need a retake + " +
          $"{c.Rejected} rejected + {c.Pending} pending" +
          (c.Files > c.Images ? $" ({c.Files - c.Images} of the {c.Files} files repeated a photo already received)" : "")
        : "<span class=\"bad\">✘ counts do not reconcile</span>";

    private static (string, double, double?)[] Histogram(IReadOnlyList<int> bins) =>
        Enumerable.Range(0, 10).Select(bin => ($"{bin * 10}–{bin * 10 + 10}%", (double)bins[bin], (double?)null)).ToArray();

    /// <summary>Horizontal bars; an optional second value is drawn as a lighter bar beneath the first.</summary>
    private static string BarChart(IReadOnlyList<(string Label, double Value, double? Compare)> bars, string unit)
    {
        const int labelWidth = 90, barWidth = 220, rowHeight = 22;
        if (bars.Count == 0)
            return "<p class=\"muted\">nothing classified yet</p>";
        var max = Math.Max(1e-9, bars.Max(b => Math.Max(b.Value, b.Compare ?? 0)));
        var (width, height) = (labelWidth + barWidth + 60, bars.Count * rowHeight + 4);
        var svg = new StringBuilder($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-size=\"12\" role=\"img\">");
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value, compare) = bars[i];
            var y = i * rowHeight;
            svg.Append($"<text x=\"{labelWidth - 6}\" y=\"{y + 15}\" text-anchor=\"end\">{E(label)}</text>");
            if (compare is { } other)
                svg.Append($"<rect x=\"{labelWidth}\" y=\"{y + 11}\" width=\"{N(other / max * barWidth)}\" height=\"8\" fill=\"#b8cfe6\"/>");
            svg.Append($"<rect x=\"{labelWidth}\" y=\"{y + 3}\" width=\"{N(value / max * barWidth)}\" height=\"{(compare is null ? 16 : 8)}\" fill=\"#2f6fae\"/>");
            svg.Append($"<text x=\"{N(labelWidth + value / max * barWidth + 4)}\" y=\"{y + 15}\">{N(value)}{(unit == "%" ? "%" : "")}</text>");
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>The chart is named by its caption for screen readers (an svg with role img needs a name).</summary>
    private static string Figure(string caption, string svg) =>
        $"<figure><figcaption class=\"muted\">{E(caption)}</figcaption>{svg.Replace("<svg ", $"<svg aria-label=\"{E(caption)}\" ")}</figure>";

    internal static string Thumbnail(string? uri) => uri is null ? "" : $"<img class=\"thumb\" alt=\"\" src=\"{E(uri)}\">";

    private static string Short(string id) => id.Length <= 12 ? id : id[..12] + "…";

    private static string N(double value) => Math.Round(value, 1).ToString(CultureInfo.InvariantCulture);

    internal static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
}
