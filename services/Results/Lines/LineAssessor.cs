using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Returns.Contracts;
using Returns.Results.Reports;
using Returns.Results.Storage;

namespace Returns.Results.Lines;

/// <summary>
/// Works out a line's verdict from what is stored and publishes it when it changed, as the next revision.
/// Consumers call it after anything that can change a verdict: a return registered, a photo linked, an outcome or a
/// review stored. It is safe to run twice and concurrently: the revision is read before the evidence and the new one is
/// saved only if nobody saved another in between (else it starts over), so the last verdict saved saw the latest
/// evidence. A verdict is marked published after the broker took it; a redelivery republishes only an unmarked one.
/// </summary>
public sealed partial class LineAssessor(IReturnLineStore lines, IResultStore results, CategoryMapSource categories, ModelFactsCache models,
    IOptions<ResultsOptions> options, TimeProvider clock, ILogger<LineAssessor> logger)
{
    private const int Attempts = 10;

    /// <summary>Re-assesses every line <paramref name="imageId"/> belongs to.</summary>
    public async Task AssessLinesOfImageAsync(string imageId, IPublishEndpoint publisher, CancellationToken cancellationToken)
    {
        foreach (var line in await lines.FindLinesOfImageAsync(imageId, cancellationToken))
            await AssessAsync(line, publisher, cancellationToken);
    }

    public async Task AssessAsync(LineKey key, IPublishEndpoint publisher, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var current = await lines.FindVerdictAsync(key.ReturnId, key.LineId, cancellationToken);
            var line = await lines.FindLineAsync(key.ReturnId, key.LineId, cancellationToken);
            if (line is null)
                return; // photos before their return: the registration assesses the line when it comes
            var assessed = await AssessedAsync(line, cancellationToken);
            if (assessed is null)
                return;
            if (current is not null && LineVerdictRules.SameVerdict(current.Verdict, assessed))
            {
                if (!current.Published)
                    await PublishAsync(current.Verdict, publisher, cancellationToken);
                return;
            }
            var next = assessed with { Revision = (current?.Verdict.Revision ?? 0) + 1 };
            if (await lines.SaveVerdictAsync(next, cancellationToken))
            {
                await PublishAsync(next, publisher, cancellationToken);
                return;
            }
            LogRace(key.ReturnId, key.LineId, attempt);
        }
        throw new InvalidOperationException($"line {key.LineId} of return {key.ReturnId} kept changing under {Attempts} assessments");
    }

    private async Task<ReturnLineAssessed?> AssessedAsync(RegisteredLine line, CancellationToken cancellationToken)
    {
        var imageIds = await lines.FindLinePhotosAsync(line.ReturnId, line.LineId, cancellationToken);
        var outcomes = (await results.FindAsync(imageIds, null, cancellationToken))
            .GroupBy(o => o.ImageId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(o => o.CompletedAt).ThenBy(o => o.ModelVersion, StringComparer.Ordinal).First());
        var reviews = (await results.FindReviewsAsync(imageIds, cancellationToken)).ToDictionary(r => r.ImageId);
        var photos = imageIds.Select(id =>
        {
            var outcome = outcomes.GetValueOrDefault(id);
            var threshold = outcome is null ? ResultsOptions.FallbackThreshold : models.ReviewThreshold(outcome.ModelVersion);
            return LineEvidence.Photo(id, outcome, reviews.GetValueOrDefault(id), threshold);
        }).ToArray();
        var declared = categories.Map.LabelsFor(line.DeclaredCategory, line.Sku);
        var now = clock.GetUtcNow();
        var evidence = new LineEvidence(line, declared, photos, now >= line.RegisteredAt + options.Value.LineVerdictDeadline);
        if (LineVerdictRules.Decide(evidence) is not { } decision)
            return null;
        return new ReturnLineAssessed
        {
            ReturnId = line.ReturnId, LineId = line.LineId, OrderId = line.OrderId, Revision = 0, Verdict = decision.Verdict,
            Reason = decision.Reason, Sku = line.Sku, DeclaredCategory = line.DeclaredCategory, DeclaredLabels = declared,
            PredictedLabel = decision.PredictedLabel, Photos = photos, AssessedAt = now,
        };
    }

    private async Task PublishAsync(ReturnLineAssessed verdict, IPublishEndpoint publisher, CancellationToken cancellationToken)
    {
        await publisher.Publish(verdict, cancellationToken);
        await lines.MarkPublishedAsync(verdict.ReturnId, verdict.LineId, verdict.Revision, cancellationToken);
        LogAssessed(verdict.ReturnId, verdict.LineId, verdict.Revision, verdict.Verdict, verdict.Reason);
    }

    [LoggerMessage(LogLevel.Information, "Return {ReturnId} line {LineId} revision {Revision}: {Verdict} ({Reason})")]
    private partial void LogAssessed(string returnId, string lineId, int revision, string verdict, string reason);

    [LoggerMessage(LogLevel.Debug, "Return {ReturnId} line {LineId} was assessed concurrently (attempt {Attempt}); assessing again")]
    private partial void LogRace(string returnId, string lineId, int attempt);
}
