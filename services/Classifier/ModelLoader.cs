using Microsoft.Extensions.Options;
using Returns.Inference;
using Returns.Models;

namespace Returns.Classifier;

/// <summary>Loads a version from the models folder into a classifier with this worker's settings: the file must match
/// its card's SHA-256 and the graph must take the card's input, or the version is refused with the reason.</summary>
public sealed class ModelLoader(ModelsFolder models, IOptions<ClassifierOptions> options, IOptions<PhotoQualityOptions> quality)
{
    /// <exception cref="ModelUnavailableException">The version cannot be served here; the message says why.</exception>
    public ImageClassifier Load(string version, string? expectedSha256 = null)
    {
        var resolved = models.Resolve(version);
        if (expectedSha256 is not null && !string.Equals(resolved.Card.Sha256, expectedSha256, StringComparison.OrdinalIgnoreCase))
            throw new ModelUnavailableException(version, $"its card says SHA-256 {resolved.Card.Sha256}, the promotion says {expectedSha256}");
        var settings = options.Value;
        return ImageClassifier.Load(resolved, settings.EffectiveIntraOpThreads, quality.Value, settings.Thumbnails ? settings.ThumbnailSize : 0);
    }

    /// <summary>The version this worker starts with: the one its role serves according to the registry.</summary>
    public string StartingVersion() => models.Registry.Read().Production;
}
