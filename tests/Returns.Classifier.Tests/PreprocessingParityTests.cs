using System.Text.Json;
using Returns.Contracts;
using Returns.Inference;
using Returns.Models;
using Returns.Testing;

namespace Returns.Classifier.Tests;

/// <summary>parity.json holds what training computed for a few photos (its preprocessing, backbone and head in
/// memory). Serving must produce the same probabilities from the same bytes.</summary>
public sealed class PreprocessingParityTests(ModelFixture model) : IClassFixture<ModelFixture>
{
    private sealed record ParityEntry(string File, string Sha256, string Label, float[] Probabilities);

    [Fact]
    public void Serving_reproduces_the_probabilities_computed_at_training_time()
    {
        var entries = JsonSerializer.Deserialize<ParityEntry[]>(File.ReadAllText(Path.Combine(model.VersionDirectory, "parity.json")),
            ModelsFolder.Json)!;
        var photosBySha = Directory.GetFiles(RepoPaths.SampleInbox)
            .GroupBy(f => ImageId.Of(File.ReadAllBytes(f)), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        var processor = ProcessorFeatures.Current;
        TestContext.Current.TestOutputHelper?.WriteLine($"{model.Classifier.Card.Version} on {processor}");
        var checkedPhotos = 0;
        foreach (var entry in entries)
        {
            if (!photosBySha.TryGetValue(entry.Sha256, out var path))
                continue;
            var prediction = model.Classifier.Classify([File.ReadAllBytes(path)]).Single().Prediction!;
            for (var k = 0; k < entry.Probabilities.Length; k++)
                Assert.True(Math.Abs(entry.Probabilities[k] - prediction.Probabilities[k]) <= 1e-4f,
                    $"{entry.File}, class {k}: {prediction.Probabilities[k]} served, {entry.Probabilities[k]} at training time, on {processor}");
            checkedPhotos++;
        }
        Assert.True(checkedPhotos >= 10, $"only {checkedPhotos} parity photos are in the sample inbox; expected one per class");
    }
}
