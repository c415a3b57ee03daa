using Returns.Inference;
using Returns.Models;
using Returns.Testing;

namespace Returns.Classifier.Tests;

/// <summary>The production model exactly as a host loads it: from the models/ folder shipped beside the binaries.</summary>
public sealed class ModelFixture : IDisposable
{
    public ImageClassifier Classifier { get; } = ImageClassifier.Load(ProductionModel.In(ModelsFolder.From(null)));

    public string VersionDirectory => Path.Combine(ModelsFolder.BesideBinaries, Classifier.Card.Version);

    public void Dispose() => Classifier.Dispose();
}
