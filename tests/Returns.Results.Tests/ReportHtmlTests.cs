using Returns.Results.Reports;

namespace Returns.Results.Tests;

public sealed class ReportHtmlTests
{
    [Fact]
    public void A_night_where_nothing_is_classified_yet_still_renders_and_says_so()
    {
        var report = ReportBuilder.Build([new("a.jpg", "a")], [], Outcomes.Model, new ResultsOptions(),
            new ModelFacts(new Baseline(new Dictionary<string, double> { ["shoes"] = 1 }, 0.9), ReviewThreshold: null, TargetAccuracy: null));

        var html = ReportHtml.Render(report, _ => null, []);

        Assert.Contains("nothing classified yet", html);
        Assert.Contains("0 classified + 0 rejected + 1 pending", html);
    }

    [Fact]
    public void File_names_and_details_are_escaped_so_a_hostile_name_cannot_inject_markup()
    {
        var report = ReportBuilder.Build([new("<script>alert(1)</script>.jpg", "a")],
            [Outcomes.RejectedAtIngest("a", "empty", source: "<script>alert(1)</script>.jpg")], Outcomes.Model, 0.6);

        var html = ReportHtml.Render(report, _ => null, []);

        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;", html);
    }
}
