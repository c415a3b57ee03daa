using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Returns.Inference;
using Returns.Models;

namespace Returns.Classifier;

/// <summary>Loads a version from the models folder into a classifier with this worker's settings: the file must match
/// its card's SHA-256 and the graph must take the card's input, or the version is refused with the reason.</summary>
public sealed partial class ModelLoader(ModelsFolder models, IOptions<ClassifierOptions> options, IOptions<PhotoQualityOptions> quality,
    ILogger<ModelLoader> logger)
{
    /// <exception cref="ModelUnavailableException">The version cannot be served here; the message says why.</exception>
    /// <param name="thumbnails">Make previews (production does; the shadow's outcomes have no use for them).</param>
    public ImageClassifier Load(string version, string? expectedSha256 = null, bool thumbnails = true)
    {
        var resolved = models.Resolve(version);
        if (expectedSha256 is not null && !string.Equals(resolved.Card.Sha256, expectedSha256, StringComparison.OrdinalIgnoreCase))
            throw new ModelUnavailableException(version, $"its card says SHA-256 {resolved.Card.Sha256}, the promotion says {expectedSha256}");
        if (resolved.Card.Requires is { } requires && !ProcessorFeatures.Current.HasAny(requires.AnyOf))
            LogProcessorMismatch(version, string.Join(" or ", requires.AnyOf), ProcessorFeatures.Current.ToString(), requires.Reason);
        var settings = options.Value;
        return ImageClassifier.Load(resolved, settings.EffectiveIntraOpThreads, quality.Value, thumbnails && settings.Thumbnails ? settings.ThumbnailSize : 0);
    }

    /// <summary>Production as the registry names it when the worker starts.</summary>
    public ModelSlot StartingProduction() => new(Load(models.Registry.Read().Production));

    /// <summary>Whether this worker runs the candidate in shadow at all (Classifier:ServeShadow).</summary>
    public bool ServesShadow => options.Value.ServeShadow;

    /// <summary>The shadow slot as the registry has it when the worker starts. A shadow version that cannot be loaded
    /// leaves the slot empty and says why; it never keeps the worker from serving production.</summary>
    public ModelSlot StartingShadow()
    {
        if (!ServesShadow || models.Registry.Read().Shadow is not { } version)
            return new ModelSlot(null);
        try
        {
            return new ModelSlot(Load(version, thumbnails: false));
        }
        catch (ModelUnavailableException e)
        {
            var empty = new ModelSlot(null);
            empty.Refuse(new RefusedModel(version, e.Reason, DateTimeOffset.MinValue));
            return empty;
        }
    }

    /// <summary>Served anyway: refusing would stop a worker whose production is such a version; staff must know its
    /// figures do not hold here, and the next version is a float one.</summary>
    [LoggerMessage(Level = LogLevel.Warning, Message = "{Version} needs {Needed}, which this processor lacks ({Processor}): its card's figures do not hold here. {Reason}")]
    private partial void LogProcessorMismatch(string version, string needed, string processor, string reason);
}
