using Microsoft.Extensions.Options;
using Returns.Models;

namespace Returns.Results.Reports;

/// <summary>Each model version's facts, from its card in the models folder (read once per version).</summary>
public sealed class ModelFactsCache(ModelCards cards, IOptions<ResultsOptions> options)
{
    public ModelFacts? For(string modelVersion) => ModelFacts.Of(cards.For(modelVersion));

    /// <summary>Under this confidence a classified image of <paramref name="modelVersion"/> needs a person.</summary>
    public double ReviewThreshold(string modelVersion) => options.Value.ReviewThreshold(For(modelVersion));
}
