using System.Text.Json;
using Returns.Contracts;
using Returns.Results.Reports;

namespace Returns.Results.Tests;

public sealed class ReturnLinesReportTests
{
    private static readonly ReturnLineAssessed[] Night =
    [
        Verdicts.Of("R-1", "1", LineVerdicts.Matches, predicted: "shirt"),
        Verdicts.Of("R-1", "2", LineVerdicts.Incomplete, LineVerdictReasons.NoPhotos, photos: []),
        Verdicts.Of("R-2", "1", LineVerdicts.Inconclusive, LineVerdictReasons.UnmappedCategory, category: "Garden", declaredLabels: []),
        Verdicts.Of("R-3", "2", LineVerdicts.Matches, predicted: "t-shirt"),
        Verdicts.Of("R-3", "1", LineVerdicts.Mismatch, LineVerdictReasons.PhotoShowsOther, predicted: "shoes"),
        Verdicts.Of("R-4", "1", LineVerdicts.Inconclusive, LineVerdictReasons.UnmappedCategory, category: "Garden", declaredLabels: []),
        Verdicts.Of("R-4", "2", LineVerdicts.Incomplete, LineVerdictReasons.PhotosPending, category: "Toys", declaredLabels: []),
    ];

    [Fact]
    public void Returns_with_a_mismatch_come_first_then_inconclusive_then_matches_then_incomplete_and_so_do_their_lines()
    {
        var section = ReturnLinesSection.Of(Night);

        Assert.Equal(["R-3", "R-2", "R-4", "R-1"], section.Returns.Select(r => r.ReturnId));
        Assert.Equal([LineVerdicts.Mismatch, LineVerdicts.Matches], section.Returns[0].Lines.Select(l => l.Verdict));
        Assert.Equal([LineVerdicts.Matches, LineVerdicts.Incomplete], section.Returns[3].Lines.Select(l => l.Verdict));
    }

    [Fact]
    public void Lines_reconcile_to_mismatches_plus_inconclusive_plus_matches_plus_incomplete()
    {
        var counts = ReturnLinesSection.Of(Night).Counts;

        Assert.Equal(new LineCounts(Returns: 4, Lines: 7, Mismatches: 1, Inconclusive: 2, Matches: 2, Incomplete: 2), counts);
        Assert.True(counts.Reconciles);
    }

    [Fact]
    public void Every_unmapped_category_is_listed_with_its_lines_whatever_the_verdict()
    {
        var section = ReturnLinesSection.Of(Night);

        Assert.Equal([new UnmappedCategory("Garden", 2), new UnmappedCategory("Toys", 1)], section.Unmapped);
        var html = ReturnLinesHtml.Section(section, _ => null);
        Assert.Contains("unmapped categories: Garden (2 lines), Toys (1 line)", html);
    }

    [Fact]
    public void Summary_json_carries_the_line_counts_and_unmapped_categories_and_leaves_the_lines_to_lines_csv()
    {
        var report = ThresholdReport.Build([], [], Outcomes.Model, 0.6) with { ReturnLines = ReturnLinesSection.Of(Night) };

        using var summary = JsonDocument.Parse(ReportWriter.Summary(report));

        var section = summary.RootElement.GetProperty("returnLines");
        Assert.Equal(7, section.GetProperty("counts").GetProperty("lines").GetInt32());
        Assert.Equal(1, section.GetProperty("counts").GetProperty("mismatches").GetInt32());
        Assert.Equal("Garden", section.GetProperty("unmapped")[0].GetProperty("category").GetString());
        Assert.False(section.TryGetProperty("returns", out _));
    }

    [Fact]
    public void Lines_csv_has_one_row_per_line_in_the_page_order_with_labels_photos_and_revision()
    {
        var csv = LinesCsv.Write(ReturnLinesSection.Of(Night)).Split('\n');

        Assert.Equal("return_id,line_id,order_id,sku,declared_category,expected_labels,verdict,reason,predicted_labels,photo_ids,revision,assessed_at", csv[0]);
        Assert.Equal("R-3,1,O-R-3,SKU-1,Tops,t-shirt;shirt,mismatch,photo_shows_other,shoes,img-R-3-1,1,2026-11-23T10:00:00.000Z", csv[1]);
        Assert.Equal(Night.Length + 2, csv.Length); // the header, a row per line and the empty string after the last newline
        Assert.Equal("R-1,2,O-R-1,SKU-2,Tops,t-shirt;shirt,incomplete,no_photos,,,1,2026-11-23T10:00:00.000Z", csv[^2]);
    }

    [Fact]
    public void Lines_csv_keeps_upstream_text_that_looks_like_a_formula_as_text()
    {
        var hostile = Verdicts.Of("=HYPERLINK(\"x\")", "+1", LineVerdicts.Inconclusive, LineVerdictReasons.UnmappedCategory,
            category: "@SUM(A1), -2", declaredLabels: []);

        var row = LinesCsv.Write(ReturnLinesSection.Of([hostile])).Split('\n')[1];

        Assert.StartsWith("\"'=HYPERLINK(\"\"x\"\")\",'+1,", row);
        Assert.Contains(",\"'@SUM(A1), -2\",,inconclusive,", row);
    }

    [Fact]
    public void The_page_shows_mismatches_first_with_declared_category_labels_and_photo_thumbnails_and_escapes_upstream_text()
    {
        var lines = Night.Append(Verdicts.Of("<b>R-9</b>", "1", LineVerdicts.Matches, category: "<script>", predicted: "shirt")).ToArray();
        var report = ThresholdReport.Build([], [], Outcomes.Model, 0.6) with { ReturnLines = ReturnLinesSection.Of(lines) };

        var html = ReportHtml.Render(report, id => id == "img-R-3-1" ? "data:image/webp;base64,UklG" : null, []);

        var section = html[html.IndexOf("Returns and their lines (5 returns, 8 lines)", StringComparison.Ordinal)..];
        Assert.Contains("8 lines = <b class=\"bad\">1 mismatches</b> + 2 inconclusive + 3 matches + 2 incomplete", section);
        int At(string returnId) => section.IndexOf($"<td>{returnId}<br>", StringComparison.Ordinal);
        Assert.True(At("R-3") < At("R-2") && At("R-2") < At("R-4") && At("R-4") < At("R-1"), "a return with a mismatch should come first");
        Assert.Contains("expects t-shirt, shirt", section);
        Assert.Contains("data:image/webp;base64,UklG", section[At("R-3")..At("R-2")]);
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;b&gt;R-9&lt;/b&gt;", section);
    }
}
