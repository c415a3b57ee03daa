using Returns.Classifier.Inference;

namespace Returns.Classifier.Tests;

/// <summary>The production model exactly as a host loads it: from the models/ folder shipped beside the binaries.</summary>
public sealed class ModelFixture : IDisposable
{
    public ImageClassifier Classifier { get; } = ImageClassifier.LoadProduction(ModelRegistry.DefaultModelsDirectory);

    public string VersionDirectory => Path.Combine(ModelRegistry.DefaultModelsDirectory, Classifier.Card.Version);

    public void Dispose() => Classifier.Dispose();
}
