using Returns.Results.Reports;

namespace Returns.Results.Tests;

public sealed class ReviewAgreementTests
{
    [Fact]
    public void Agreement_is_counted_per_model_label_and_overall_on_each_images_latest_review()
    {
        var agreement = ReviewAgreement.Of("v1",
        [
            Reviews.Of("a", "shoes", previousLabel: "shoes"),
            Reviews.Of("b", "hat", previousLabel: "shoes"),
            Reviews.Of("c", "shoes", previousLabel: "shoes", minute: 0),
            Reviews.Of("c", "dress", previousLabel: "shoes", minute: 5), // changed their mind: the later review counts
            Reviews.Of("d", "hat", previousLabel: "hat"),
        ]);

        Assert.Equal((4, 2, 0.5), (agreement.Reviewed, agreement.Agreed, agreement.Rate));
        Assert.Equal([new LabelAgreement("hat", 1, 1), new LabelAgreement("shoes", 3, 1)], agreement.PerLabel);
        Assert.Equal(0.3333, agreement.PerLabel[1].Rate);
    }

    [Fact]
    public void Other_model_versions_and_reviews_without_a_model_label_are_left_out()
    {
        var agreement = ReviewAgreement.Of("v2",
        [
            Reviews.Of("a", "shoes", previousLabel: "shoes", modelVersion: "v1"),
            Reviews.Of("b", "hat", previousLabel: null, modelVersion: "v2"),
            Reviews.Of("c", "hat", previousLabel: "shoes", modelVersion: "v2"),
        ]);

        Assert.Equal((1, 0, 0.0), (agreement.Reviewed, agreement.Agreed, agreement.Rate));
        Assert.Equal("shoes", Assert.Single(agreement.PerLabel).Label);
    }

    [Fact]
    public void No_reviews_is_no_agreement_rather_than_a_division_by_zero()
    {
        var agreement = ReviewAgreement.Of("v1", []);

        Assert.Equal((0, 0, 0.0), (agreement.Reviewed, agreement.Agreed, agreement.Rate));
        Assert.Empty(agreement.PerLabel);
    }
}
