using Returns.Contracts;

namespace Returns.Results.Storage;

/// <summary>
/// One string object for each repeated word of a batch of stored verdicts: their verdicts, reasons, declared
/// categories, labels and photo statuses come from a vocabulary of a few dozen words, but each verdict read from JSON
/// gets its own copies. A period's report reads every verdict of the period (133,000 at a million outcomes), where
/// those copies were about a third of the compile's peak memory. Ids stay as they are: they do not repeat.
/// </summary>
internal sealed class VerdictStrings
{
    private readonly Dictionary<string, string> shared = new(StringComparer.Ordinal);

    public ReturnLineAssessed Share(ReturnLineAssessed v) => v with
    {
        Verdict = Share(v.Verdict),
        Reason = Share(v.Reason),
        DeclaredCategory = Share(v.DeclaredCategory),
        DeclaredLabels = v.DeclaredLabels.Select(Share).ToArray(),
        PredictedLabel = v.PredictedLabel is null ? null : Share(v.PredictedLabel),
        Photos = v.Photos.Select(p => p with { Status = Share(p.Status), Label = p.Label is null ? null : Share(p.Label) }).ToArray(),
    };

    private string Share(string word)
    {
        if (shared.TryGetValue(word, out var known))
            return known;
        shared[word] = word;
        return word;
    }
}
