using System.Text;
using Returns.Contracts;
using static Returns.Results.Reports.ReportHtml;

namespace Returns.Results.Reports;

/// <summary>The page's per-return section: counts that reconcile, the unmapped categories, then every return and its
/// lines, mismatches first, each line with what was declared, what the photos show and the photos themselves.</summary>
public static class ReturnLinesHtml
{
    public static string Section(ReturnLinesSection section, Func<string, string?> thumbnail)
    {
        var c = section.Counts;
        var html = new StringBuilder($"<h2>Returns and their lines ({c.Returns} returns, {c.Lines} lines)</h2>");
        if (c.Lines == 0)
            return html.Append("<p class=\"muted\">No return line got a verdict in this report. Lines get one when their photos are classified, "
                + "or when their deadline passes.</p>").ToString();
        html.Append(c.Reconciles
            ? $"<p><span class=\"ok\">✔ reconciled:</span> {c.Lines} lines = <b class=\"{(c.Mismatches > 0 ? "bad" : "")}\">{c.Mismatches} mismatches</b> + " +
              $"{c.Inconclusive} inconclusive + {c.Matches} matches + {c.Incomplete} incomplete</p>"
            : "<p><span class=\"bad\">✘ line counts do not reconcile</span></p>");
        html.Append(section.Unmapped.Count == 0
            ? "<p class=\"muted\">unmapped categories: none</p>"
            : $"<p class=\"warn\">unmapped categories: {E(string.Join(", ", section.Unmapped.Select(u => $"{u.Category} ({u.Lines} {(u.Lines == 1 ? "line" : "lines")})")))} " +
              "— add them to the category map; their lines stay inconclusive until then</p>");
        html.Append(ReportHtml.MoreIn(Math.Min(c.Lines, ReportHtml.SectionLimit), c.Lines, LinesCsv.File, "in this order"));
        html.Append("<div class=\"table-wrap\"><table><tr><th>return</th><th>line</th><th>declared</th><th>verdict</th><th>photos show</th><th>photos</th></tr>");
        foreach (var (ret, line) in Listed(section))
            html.Append($"<tr><td>{E(ret.ReturnId)}<br><span class=\"muted\">order {E(ret.OrderId)}</span></td>" +
                $"<td>{E(line.LineId)}<br><span class=\"muted\">{E(line.Sku)}</span></td>" +
                $"<td><b>{E(line.DeclaredCategory)}</b><br><span class=\"muted\">{E(Expected(line))}</span></td>" +
                $"<td><b class=\"{VerdictClass(line.Verdict)}\">{E(line.Verdict)}</b><br><span class=\"muted\">{E(line.Reason)} · rev {line.Revision}</span></td>" +
                $"<td>{E(string.Join(", ", LinesCsv.PredictedLabels(line)))}</td>" +
                $"<td>{string.Concat(line.Photos.Select(p => Photo(p, thumbnail)))}</td></tr>");
        return html.Append("</table></div>").ToString();
    }

    /// <summary>The lines the page lists: the first <see cref="ReportHtml.SectionLimit"/>, in lines.csv's order.</summary>
    public static IEnumerable<(ReturnWithLines Return, ReturnLineAssessed Line)> Listed(ReturnLinesSection section) =>
        section.Returns.SelectMany(r => r.Lines.Select(l => (r, l))).Take(ReportHtml.SectionLimit);

    private static string Expected(ReturnLineAssessed line) =>
        line.DeclaredLabels.Count == 0 ? "maps to no label" : "expects " + string.Join(", ", line.DeclaredLabels);

    private static string Photo(AssessedPhoto photo, Func<string, string?> thumbnail) =>
        $"<span title=\"{E(photo.ImageId)}\">{Thumbnail(thumbnail(photo.ImageId))}<br><span class=\"muted\">" +
        $"{E(photo.Label ?? photo.Status)}{(photo.Confidence is { } confidence ? $" {Confidence.Format(confidence)}" : "")}</span></span> ";

    private static string VerdictClass(string verdict) => verdict switch
    {
        LineVerdicts.Mismatch => "bad",
        LineVerdicts.Matches => "ok",
        _ => "warn",
    };
}
