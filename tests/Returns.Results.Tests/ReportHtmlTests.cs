using Returns.Models;
using Returns.Contracts;
using Returns.Results.Reports;

namespace Returns.Results.Tests;

public sealed class ReportHtmlTests
{
    [Fact]
    public void A_night_where_nothing_is_classified_yet_still_renders_and_says_so()
    {
        var report = ReportBuilder.Build([new("a.jpg", "a")], [], Outcomes.Model, new ResultsOptions(),
            new ModelFacts(new ModelBaseline(new Dictionary<string, double> { ["shoes"] = 1 }, 0.9), ReviewThreshold: null, TargetAccuracy: null));

        var html = ReportHtml.Render(report, _ => null, []);

        Assert.Contains("nothing classified yet", html);
        Assert.Contains("0 classified + 0 need a retake + 0 rejected + 1 pending", html);
    }

    [Fact]
    public void A_photo_that_needs_a_retake_has_its_own_section_after_the_review_queue_with_reason_detail_and_thumbnail()
    {
        var report = ThresholdReport.Build([new("unsure.jpg", "u"), new("dark.jpg", "d")],
            [Outcomes.Classified("u", "hat", 0.4f, source: "unsure.jpg"), Outcomes.NeedsRetake("d", RetakeReasons.TooDark)], Outcomes.Model, 0.6);

        var html = ReportHtml.Render(report, id => id == "d" ? "data:image/jpeg;base64,AAAA" : null, []);

        var review = html.IndexOf("For a person to check", StringComparison.Ordinal);
        var retake = html.IndexOf("Needs a retake (1)", StringComparison.Ordinal);
        Assert.True(review >= 0 && retake > review, "the retake section should follow the review queue");
        var section = html[retake..];
        Assert.Contains("<b>too_dark</b>", section);
        Assert.Contains("why: too_dark", section);
        Assert.Contains("data:image/jpeg;base64,AAAA", section);
        Assert.Contains("1 classified + 1 need a retake + 0 rejected + 0 pending", html);
    }

    [Fact]
    public void File_names_and_details_are_escaped_so_a_hostile_name_cannot_inject_markup()
    {
        var report = ThresholdReport.Build([new("<script>alert(1)</script>.jpg", "a")],
            [Outcomes.RejectedAtIngest("a", "empty", source: "<script>alert(1)</script>.jpg")], Outcomes.Model, 0.6);

        var html = ReportHtml.Render(report, _ => null, []);

        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;", html);
    }

    [Fact]
    public void Reviewed_images_have_their_own_section_with_counts_and_corrected_rows_marked()
    {
        var report = ReportBuilder.Build([new("kept.jpg", "k"), new("fixed.jpg", "f")],
            [Outcomes.Classified("k", "hat", 0.4f, source: "kept.jpg"), Outcomes.Classified("f", "hat", 0.4f, source: "fixed.jpg")],
            Outcomes.Model, new ResultsOptions { LowConfidenceThreshold = 0.6 }, null,
            [Reviews.Of("k", "hat", previousLabel: "hat"), Reviews.Of("f", "shoes", previousLabel: "hat", reviewer: "<b>bo</b>")]);

        var html = ReportHtml.Render(report, id => id == "f" ? "data:image/webp;base64,UklG" : null, []);

        var section = html[html.IndexOf("Reviewed by staff (2; 1 corrected)", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("<h2>", 5, StringComparison.Ordinal)];
        Assert.Contains("For a person to check (0 unsure labels)", html);
        Assert.Single(section.Split("class=\"corrected\"").Skip(1));
        Assert.Contains("<b>shoes</b> <span class=\"badge\">corrected</span>", section);
        Assert.Contains("data:image/webp;base64,UklG", section);
        Assert.Contains("&lt;b&gt;bo&lt;/b&gt;", section);
    }
}
