using Returns.Contracts;
using Returns.Results.Lines;
using Returns.Results.Storage;

namespace Returns.Results.Tests;

public sealed class LineVerdictRulesTests
{
    private static readonly RegisteredLine Line = new()
    {
        ReturnId = "R-1", LineId = "1", OrderId = "O-1", Sku = "DR-1", DeclaredCategory = "Dresses", RegisteredAt = DateTimeOffset.UnixEpoch,
    };

    private static LineVerdictRules.Decision? Decide(bool deadlinePassed = false, IReadOnlyList<string>? declared = null, params AssessedPhoto[] photos) =>
        LineVerdictRules.Decide(new LineEvidence(Line, declared ?? ["dress"], photos, deadlinePassed));

    private static AssessedPhoto Confident(string label) => new("img-" + label, OutcomeStatus.Classified, label, 0.95f, true);

    [Fact]
    public void Settled_photos_that_all_fit_the_declaration_match() =>
        Assert.Equal(new(LineVerdicts.Matches, LineVerdictReasons.AllPhotosMatch, "dress"), Decide(photos: [Confident("dress"), Confident("dress")]));

    [Fact]
    public void One_settled_photo_of_something_else_is_a_mismatch_naming_what_it_shows() =>
        Assert.Equal(new(LineVerdicts.Mismatch, LineVerdictReasons.PhotoShowsOther, "shoes"), Decide(photos: [Confident("dress"), Confident("shoes")]));

    [Fact]
    public void Low_confidence_and_retakes_settle_nothing_so_the_line_is_inconclusive()
    {
        var unsure = new AssessedPhoto("img-1", OutcomeStatus.Classified, "shoes", 0.4f, false);
        var retake = new AssessedPhoto("img-2", OutcomeStatus.NeedsRetake, "shoes", 0.9f, false);

        Assert.Equal(new(LineVerdicts.Inconclusive, LineVerdictReasons.LowConfidence, null), Decide(photos: [unsure]));
        Assert.Equal(new(LineVerdicts.Inconclusive, LineVerdictReasons.NeedsRetake, null), Decide(photos: [unsure, retake]));
    }

    [Fact]
    public void An_unmapped_category_is_inconclusive_and_says_why() =>
        Assert.Equal(new(LineVerdicts.Inconclusive, LineVerdictReasons.UnmappedCategory, "dress"), Decide(declared: [], photos: [Confident("dress")]));

    [Fact]
    public void A_line_waits_for_its_photos_until_the_deadline_then_is_incomplete()
    {
        var pending = new AssessedPhoto("img-9", LineEvidence.Pending, null, null, false);

        Assert.Null(Decide(photos: []));
        Assert.Null(Decide(photos: [Confident("dress"), pending]));
        Assert.Equal(new(LineVerdicts.Incomplete, LineVerdictReasons.NoPhotos, null), Decide(deadlinePassed: true, photos: []));
        Assert.Equal(new(LineVerdicts.Incomplete, LineVerdictReasons.PhotosPending, "dress"), Decide(deadlinePassed: true, photos: [Confident("dress"), pending]));
    }

    [Fact]
    public void A_review_settles_a_photo_whatever_the_model_said()
    {
        var outcome = Outcomes.Classified("img-1", "shoes", 0.3f);
        var review = Reviews.Of("img-1", "dress");

        Assert.Equal(new AssessedPhoto("img-1", OutcomeStatus.Classified, "dress", 0.3f, true), LineEvidence.Photo("img-1", outcome, review, 0.8));
        Assert.False(LineEvidence.Photo("img-1", outcome, null, 0.8).Settled);
    }

    [Fact]
    public void The_category_map_prefers_the_declared_category_then_the_longest_sku_prefix_ignoring_case()
    {
        var map = new CategoryMap(new Dictionary<string, string[]> { ["Tops"] = ["t-shirt", "shirt"] },
            new Dictionary<string, string[]> { ["D"] = ["dress"], ["DR-S"] = ["skirt"] });

        Assert.Equal(["t-shirt", "shirt"], map.LabelsFor(" tops ", "DR-S1"));
        Assert.Equal(["skirt"], map.LabelsFor("Misc", "dr-s1"));
        Assert.Equal(["dress"], map.LabelsFor("Misc", "D1"));
        Assert.Empty(map.LabelsFor("Garden furniture", "ZZ-1"));
    }

    [Fact]
    public void The_shipped_category_map_maps_only_to_labels_the_model_knows()
    {
        var map = CategoryMap.Read(Path.Combine(AppContext.BaseDirectory, "category-map.json"));
        string[] known = ["dress", "hat", "longsleeve", "outwear", "pants", "shirt", "shoes", "shorts", "skirt", "t-shirt"];

        Assert.Equal(["t-shirt", "shirt", "longsleeve"], map.LabelsFor("Tops", ""));
        foreach (var category in new[] { "Dresses", "Hats", "Outerwear", "Trousers", "Shoes", "Shorts", "Skirts", "Shirts" })
            Assert.All(map.LabelsFor(category, ""), label => Assert.Contains(label, known));
    }
}
