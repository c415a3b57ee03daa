using System.Collections.Concurrent;

namespace Returns.Models;

/// <summary>Each version's card, read once: cards never change after training writes them.</summary>
public sealed class ModelCards(ModelsFolder folder)
{
    private readonly ConcurrentDictionary<string, ModelCard> cards = new(StringComparer.Ordinal);

    public ModelsFolder Folder => folder;

    public ModelCard? For(string version)
    {
        if (cards.TryGetValue(version, out var known))
            return known;
        // Only versions that have a card are remembered, so forged version names cannot grow the cache.
        return folder.FindCard(version) is { } card ? cards.GetOrAdd(version, card) : null;
    }
}
