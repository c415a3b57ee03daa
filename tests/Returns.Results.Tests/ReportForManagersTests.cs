using Returns.Contracts;
using Returns.Models;
using Returns.Results.Reports;

namespace Returns.Results.Tests;

/// <summary>The report page as a manager reads it: what it covers in its heading, plain words for every figure, empty
/// sections that say they are empty, and a warning when the labels used unchecked fall under the target accuracy.</summary>
public sealed class ReportForManagersTests
{
    private static readonly ModelIdentity Stuttering = new("clothing-mobilenetv2", "clothing-mobilenetv2-v2", new string('a', 64));

    private static NightlyReport Night(double targetAccuracy, float confidence = 0.95f) =>
        ReportBuilder.Build([new("a.jpg", "a"), new("b.jpg", "b")],
            [Outcomes.Classified("a", "shoes", confidence, Stuttering, "a.jpg"), Outcomes.Classified("b", "shoes", confidence, Stuttering, "b.jpg")],
            Stuttering, new ResultsOptions(),
            new ModelFacts(new ModelBaseline(new Dictionary<string, double> { ["shoes"] = 0.5, ["hat"] = 0.5 }, 0.9), ReviewThreshold: 0.6, TargetAccuracy: targetAccuracy));

    [Fact]
    public void A_night_report_names_its_run_and_day_and_the_model_once()
    {
        var html = ReportHtml.Render(Night(0.9), _ => null, [(ReportHtml.RunFact, "inbox-2026-11-23"), ("seconds", "4.2")]);

        Assert.Contains("<h1>Returns — night report, run inbox-2026-11-23, Mon 23 Nov 2026</h1>", html);
        Assert.Contains("<b>clothing-mobilenetv2-v2</b>", html);
        Assert.DoesNotContain("clothing-mobilenetv2 clothing-mobilenetv2-v2", html);
    }

    [Fact]
    public void A_period_report_has_a_readable_period_in_its_heading()
    {
        var period = PeriodLabel.Of(new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 4, 0, 0, 0, TimeSpan.Zero));

        var html = ReportHtml.Render(Night(0.9), _ => null, [(ReportHtml.PeriodFact, period)]);

        Assert.Equal("Thu 3 Dec 2026 (UTC)", period);
        Assert.Contains("<h1>Returns — report for Thu 3 Dec 2026 (UTC)</h1>", html);
        Assert.Equal("Thu 3 Dec 2026 (UTC)", PeriodLabel.OfFolder("20261203T000000.0000000Z--20261204T000000.0000000Z"));
        Assert.Equal("3 Dec 2026 – 5 Dec 2026 (UTC)", PeriodLabel.OfFolder("20261203T000000.0000000Z--20261206T000000.0000000Z"));
    }

    [Fact]
    public void Drift_and_calibrated_confidence_are_explained_in_plain_words()
    {
        var html = ReportHtml.Render(Night(0.9), _ => null, []);

        Assert.Contains("Do tonight's photos look like what the model learned from?", html);
        Assert.Contains("This is called <i>drift</i>", html);
        Assert.Contains("Confidence is <i>calibrated</i>: of all labels shown at 90 %, about 9 in 10 are right", html);
        Assert.DoesNotContain("baseline)", html);
    }

    [Fact]
    public void Empty_sections_say_so_instead_of_showing_bare_table_headers_and_zero_mismatches_is_not_red()
    {
        var html = ReportHtml.Render(Night(0.9), _ => null, []);

        Assert.Contains("No label needs a person's check", html);
        Assert.Contains("Nobody has reviewed an image of this report yet.", html);
        Assert.Contains("Every photo was good enough to use.", html);
        Assert.Contains("Every file could be read.", html);
        Assert.Contains("No return line got a verdict in this report.", html);
        Assert.DoesNotContain("<th>reason</th>", html);
        Assert.DoesNotContain("<b class=\"bad\">0 ", html);
        Assert.DoesNotContain("<table", html);
    }

    [Fact]
    public void Expected_accuracy_under_the_target_the_threshold_was_set_for_is_flagged()
    {
        var under = ReportHtml.Render(Night(0.97, confidence: 0.967f), _ => null, []);
        var onTarget = ReportHtml.Render(Night(0.9), _ => null, []);

        Assert.Matches(@"9\d\.\d % expected accuracy", under);
        Assert.Contains("⚠ Below the 97.0 % the threshold was set for", under);
        Assert.Contains("class=\"flag\"", under);
        Assert.DoesNotContain("⚠", onTarget);
        Assert.Contains("on target", onTarget);
    }
}
