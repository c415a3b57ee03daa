using Returns.Testing;

namespace Returns.Classifier.Tests;

public sealed class ModelAccuracyTests(ModelFixture model) : IClassFixture<ModelFixture>
{
    [Fact]
    public void Accuracy_on_the_test_split_matches_the_model_card()
    {
        var test = Path.Combine(RepoPaths.Dataset, "test");
        if (!Directory.Exists(test))
            Assert.Skip($"clothing-small test split not found at {test} (set RETURNS_DATASET); accuracy NOT checked");

        var card = model.Classifier.Card;
        var images = card.Labels
            .SelectMany(label => Directory.GetFiles(Path.Combine(test, label)).Order(StringComparer.Ordinal).Select(f => (Path: f, Label: label)))
            .ToArray();
        var correct = images.Chunk(16)
            .Sum(chunk => model.Classifier.Classify(chunk.Select(i => File.ReadAllBytes(i.Path)).ToArray())
                .Zip(chunk).Count(p => p.First.Prediction!.Label == p.Second.Label));
        var accuracy = correct / (double)images.Length;

        Assert.Equal(card.Evaluation!.Images, images.Length);
        Assert.InRange(accuracy, card.Evaluation.Accuracy - 0.005, card.Evaluation.Accuracy + 0.005);
    }
}
