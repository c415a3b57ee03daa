using Returns.Contracts;
using Returns.Results.Reports;
using Returns.Results.Storage;

namespace Returns.Results.Tests;

public sealed class ReportBuilderTests
{
    private static NightlyReport Build(ReportItem[] items, params StoredOutcome[] outcomes) =>
        ThresholdReport.Build(items, outcomes, Outcomes.Model, lowConfidenceThreshold: 0.6);

    [Fact]
    public void Received_images_reconcile_to_classified_plus_needs_retake_plus_rejected_plus_pending()
    {
        var report = Build(
            [new("a.jpg", "a"), new("b.jpg", "b"), new("c.jpg", "c"), new("d.jpg", "d"), new("e.jpg", "e")],
            Outcomes.Classified("a", "shoes", 0.9f), Outcomes.Classified("b", "hat", 0.5f), Outcomes.RejectedAtIngest("c", "empty"),
            Outcomes.NeedsRetake("e", RetakeReasons.TooDark));

        Assert.Equal(new ReportCounts(Files: 5, Images: 5, Classified: 2, NeedsRetake: 1, Rejected: 1, Pending: 1), report.Counts);
        Assert.True(report.Counts.Reconciles);
        Assert.Equal(ReportStatus.Pending, report.Rows.Single(r => r.ImageId == "d").Status);
        Assert.Equal("b", Assert.Single(report.LowConfidence).ImageId);
        Assert.Equal("empty", Assert.Single(report.Rejected).Reason);
    }

    [Fact]
    public void A_photo_that_needs_a_retake_is_not_a_label_however_confident_the_model_was()
    {
        var report = Build([new("a.jpg", "a"), new("dark.jpg", "dark")],
            Outcomes.Classified("a", "hat", 0.9f), Outcomes.NeedsRetake("dark", RetakeReasons.TooDark, label: "shoes", confidence: 0.99f));

        Assert.Equal([("hat", 1)], report.PerLabel.Select(l => (l.Label, l.Count)));
        Assert.Empty(report.LowConfidence);
        var retake = Assert.Single(report.NeedsRetake);
        Assert.Equal((OutcomeStatus.NeedsRetake, RetakeReasons.TooDark, "shoes", true), (retake.Status, retake.Reason, retake.Label, retake.NeedsReview));
    }

    [Fact]
    public void Photos_that_need_a_retake_are_listed_by_reason_then_file()
    {
        var report = Build([new("b.jpg", "b"), new("a.jpg", "a"), new("c.jpg", "c")],
            Outcomes.NeedsRetake("b", RetakeReasons.TooDark, source: "b.jpg"), Outcomes.NeedsRetake("a", RetakeReasons.TooDark, source: "a.jpg"),
            Outcomes.NeedsRetake("c", RetakeReasons.Blurred, source: "c.jpg"));

        Assert.Equal(["c.jpg", "a.jpg", "b.jpg"], report.NeedsRetake.Select(r => r.SourceNames[0]));
    }

    [Fact]
    public void The_csv_gives_a_retake_its_status_reason_and_detail_and_marks_it_for_review()
    {
        var report = Build([new("dark.jpg", "dark")], Outcomes.NeedsRetake("dark", RetakeReasons.TooDark));

        var line = ReportWriter.Csv(report).Split('\n')[1];

        Assert.Equal("dark,dark.jpg,needs_retake,,shoes,0.9500,shoes:0.9500;other:0.0500,yes,,too_dark,why: too_dark,v1,2026-11-23T02:00:01.000Z,,", line);
    }

    [Fact]
    public void The_summary_counts_retakes_and_lists_them()
    {
        var report = Build([new("dark.jpg", "dark")], Outcomes.NeedsRetake("dark", RetakeReasons.Blank));

        using var summary = System.Text.Json.JsonDocument.Parse(ReportWriter.Summary(report));

        Assert.Equal(1, summary.RootElement.GetProperty("counts").GetProperty("needsRetake").GetInt32());
        Assert.Equal(RetakeReasons.Blank, summary.RootElement.GetProperty("needsRetake")[0].GetProperty("reason").GetString());
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
    public void An_image_classified_before_a_promotion_keeps_the_outcome_of_the_version_that_produced_it()
    {
        var report = Build([new("a.jpg", "a")], Outcomes.Classified("a", "shoes", 0.9f, Outcomes.Model with { Version = "v0" }));

        Assert.Equal((1, 0), (report.Counts.Classified, report.Counts.Pending));
        Assert.Equal("v0", Assert.Single(report.Rows).ModelVersion);
    }

    [Fact]
    public void An_image_classified_by_two_versions_is_reported_with_the_reports_version()
    {
        var report = Build([new("a.jpg", "a")],
            Outcomes.Classified("a", "bag", 0.9f, Outcomes.Model with { Version = "v0" }), Outcomes.Classified("a", "shoes", 0.9f));

        var row = Assert.Single(report.Rows);
        Assert.Equal((Outcomes.Model.Version, "shoes"), (row.ModelVersion, row.Label));
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

    [Fact]
    public void A_reviewed_image_leaves_the_review_queue_and_its_final_label_is_the_reviewed_one()
    {
        ReportItem[] items = [new("a.jpg", "a"), new("b.jpg", "b"), new("c.jpg", "c"), new("d.jpg", "d")];
        StoredOutcome[] outcomes =
        [
            Outcomes.Classified("a", "shoes", 0.4f), Outcomes.Classified("b", "shoes", 0.5f), Outcomes.Classified("c", "hat", 0.9f),
            Outcomes.Classified("d", "hat", 0.3f),
        ];
        StoredReview[] reviews =
        [
            Reviews.Of("a", "dress", minute: 0), Reviews.Of("a", "pants", minute: 9), // the later review is the final word
            Reviews.Of("c", "hat", previousLabel: "hat"),
        ];

        var report = ReportBuilder.Build(items, outcomes, Outcomes.Model, new ResultsOptions { LowConfidenceThreshold = 0.6 }, null, reviews);

        Assert.Equal(["d", "b"], report.LowConfidence.Select(r => r.ImageId));
        Assert.Equal((2, 1), (report.Counts.Reviewed, report.Counts.Corrected));
        var a = report.Rows.Single(r => r.ImageId == "a");
        Assert.Equal(("shoes", "pants", "pants", "ana", false, true), (a.Label, a.ReviewedLabel, a.FinalLabel, a.ReviewedBy, a.NeedsReview, a.Corrected));
        Assert.Equal([("hat", 2), ("pants", 1), ("shoes", 1)], report.PerLabel.Select(l => (l.Label, l.Count)));
        Assert.Equal(["a", "c"], report.Reviewed.Select(r => r.ImageId));
        Assert.Equal(0, report.Review.AutoAccepted); // c was reviewed, so not accepted without a look
    }

    [Fact]
    public void The_csv_ends_with_the_reviewed_and_the_final_label_and_the_summary_counts_reviews()
    {
        var report = ReportBuilder.Build([new("a.jpg", "a"), new("b.jpg", "b")], [Outcomes.Classified("a", "shoes", 0.4f), Outcomes.Classified("b", "hat", 0.9f)],
            Outcomes.Model, new ResultsOptions(), null, [Reviews.Of("a", "dress")]);

        var lines = ReportWriter.Csv(report).Split('\n');
        using var summary = System.Text.Json.JsonDocument.Parse(ReportWriter.Summary(report));

        Assert.EndsWith(",completed_at,reviewed_label,final_label", lines[0]);
        Assert.EndsWith(",no,,,,v1,2026-11-23T02:00:01.000Z,dress,dress", lines[1]);
        Assert.EndsWith(",v1,2026-11-23T02:00:01.000Z,,hat", lines[2]);
        var counts = summary.RootElement.GetProperty("counts");
        Assert.Equal((1, 1), (counts.GetProperty("reviewed").GetInt32(), counts.GetProperty("corrected").GetInt32()));
        Assert.Equal("dress", summary.RootElement.GetProperty("reviewed")[0].GetProperty("finalLabel").GetString());
    }

    [Fact]
    public void A_photo_that_needs_a_retake_has_no_final_label_until_a_person_gives_it_one()
    {
        var report = ReportBuilder.Build([new("dark.jpg", "dark"), new("dim.jpg", "dim")],
            [Outcomes.NeedsRetake("dark", RetakeReasons.TooDark), Outcomes.NeedsRetake("dim", RetakeReasons.TooDark)],
            Outcomes.Model, new ResultsOptions(), null, [Reviews.Of("dim", "hat")]);

        Assert.Null(report.Rows.Single(r => r.ImageId == "dark").FinalLabel);
        var dim = report.Rows.Single(r => r.ImageId == "dim");
        Assert.Equal(("hat", false), (dim.FinalLabel, dim.NeedsReview));
        Assert.Empty(report.PerLabel);
    }
}
