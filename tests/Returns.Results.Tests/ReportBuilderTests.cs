using Returns.Results.Reports;
using Returns.Results.Storage;

namespace Returns.Results.Tests;

public sealed class ReportBuilderTests
{
    private static NightlyReport Build(ReportItem[] items, params StoredOutcome[] outcomes) =>
        ReportBuilder.Build(items, outcomes, Outcomes.Model, lowConfidenceThreshold: 0.6);

    [Fact]
    public void Received_images_reconcile_to_classified_plus_rejected_plus_pending()
    {
        var report = Build(
            [new("a.jpg", "a"), new("b.jpg", "b"), new("c.jpg", "c"), new("d.jpg", "d")],
            Outcomes.Classified("a", "shoes", 0.9f), Outcomes.Classified("b", "hat", 0.5f), Outcomes.RejectedAtIngest("c", "empty"));

        Assert.Equal(new ReportCounts(Files: 4, Images: 4, Classified: 2, Rejected: 1, Pending: 1), report.Counts);
        Assert.Equal(ReportStatus.Pending, report.Rows.Single(r => r.ImageId == "d").Status);
        Assert.Equal("b", Assert.Single(report.LowConfidence).ImageId);
        Assert.Equal("empty", Assert.Single(report.Rejected).Reason);
    }

    [Fact]
    public void The_same_photo_under_two_names_is_one_row_naming_both_files()
    {
        var report = Build([new("z-copy.jpg", "a"), new("a.jpg", "a")], Outcomes.Classified("a", "shoes", 0.9f));

        var row = Assert.Single(report.Rows);
        Assert.Equal(["a.jpg", "z-copy.jpg"], row.SourceNames);
        Assert.Equal((2, 1), (report.Counts.Files, report.Counts.Images));
    }

    [Fact]
    public void An_outcome_of_an_older_model_version_leaves_the_image_pending()
    {
        var report = Build([new("a.jpg", "a")], Outcomes.Classified("a", "shoes", 0.9f, Outcomes.Model with { Version = "v0" }));

        Assert.Equal(1, report.Counts.Pending);
    }

    [Fact]
    public void Csv_cells_that_a_spreadsheet_would_run_as_formulas_stay_text()
    {
        var report = Build([new("=HYPERLINK(\"http://x\",\"y\").jpg", "a")], Outcomes.Classified("a", "shoes", 0.9f));

        var line = ReportWriter.Csv(report).Split('\n')[1];

        Assert.Contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\").jpg\"", line);
    }

    [Fact]
    public void The_review_threshold_comes_from_the_model_card_unless_a_setting_overrides_it()
    {
        ReportItem[] items = [new("a.jpg", "a"), new("b.jpg", "b")];
        StoredOutcome[] outcomes = [Outcomes.Classified("a", "shoes", 0.95f), Outcomes.Classified("b", "hat", 0.8f)];
        var facts = new ModelFacts(Baseline: null, ReviewThreshold: 0.85, TargetAccuracy: 0.97);

        var fromCard = ReportBuilder.Build(items, outcomes, Outcomes.Model, new ResultsOptions(), facts);
        var overridden = ReportBuilder.Build(items, outcomes, Outcomes.Model, new ResultsOptions { LowConfidenceThreshold = 0.5 }, facts);
        var noCard = ReportBuilder.Build(items, outcomes, Outcomes.Model, new ResultsOptions(), facts: null);

        Assert.Equal((0.85, "b"), (fromCard.LowConfidenceThreshold, Assert.Single(fromCard.LowConfidence).ImageId));
        Assert.Equal(0.97, fromCard.Review.TargetAccuracy);
        Assert.Equal((0.5, 0), (overridden.LowConfidenceThreshold, overridden.LowConfidence.Count));
        Assert.Null(overridden.Review.TargetAccuracy);
        Assert.Equal(ResultsOptions.FallbackThreshold, noCard.LowConfidenceThreshold);
    }

    [Fact]
    public void Expected_errors_among_accepted_labels_are_the_sum_of_their_calibrated_doubt()
    {
        var report = Build([new("a.jpg", "a"), new("b.jpg", "b"), new("c.jpg", "c")],
            Outcomes.Classified("a", "shoes", 0.9f), Outcomes.Classified("b", "hat", 0.7f), Outcomes.Classified("c", "hat", 0.3f));

        Assert.Equal(2, report.Review.AutoAccepted);
        Assert.Equal(0.4, report.Review.ExpectedErrors, 2);
        Assert.Equal(0.8, report.Review.ExpectedAccuracy, 2);
    }
}
