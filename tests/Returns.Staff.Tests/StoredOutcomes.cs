using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Returns.Contracts;
using Returns.Results.Storage;

namespace Returns.Staff.Tests;

/// <summary>Outcomes stored through the real store as the results consumer stores them, for the production model.</summary>
public static class StoredOutcomes
{
    public static string Id(string name) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)));

    public static async Task<IReadOnlyList<StoredOutcome>> SaveAsync(ConsoleHost host, int count, float confidence, CancellationToken cancellationToken,
        string runId = "night-1")
    {
        var models = host.Factory.Services.GetRequiredService<ModelCatalog>();
        var version = models.Production!;
        var labels = models.Labels(version);
        var store = host.Factory.Services.GetRequiredService<IResultStore>();
        var start = new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);
        var saved = new List<StoredOutcome>();
        for (var i = 0; i < count; i++)
        {
            var label = labels[i % labels.Count];
            var outcome = StoredOutcome.From(new ImageClassified
            {
                ImageId = Id($"{runId}-{i}"), SourceName = $"photo-{i:0000}.jpg", RunId = runId,
                Model = new ModelIdentity("clothing", version, new string('a', 64)), Label = label, Confidence = confidence,
                TopK = [new LabelScore(label, confidence), new LabelScore(labels[(i + 1) % labels.Count], 1 - confidence)],
                ReceivedAt = start.AddSeconds(i), ClassifiedAt = start.AddSeconds(i).AddMilliseconds(300),
            });
            await store.SaveAsync(outcome, cancellationToken);
            saved.Add(outcome);
        }
        return saved;
    }
}
