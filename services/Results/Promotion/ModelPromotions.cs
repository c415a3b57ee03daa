using MassTransit;
using Returns.Contracts;
using Returns.Models;
using Returns.Results.Shadow;

namespace Returns.Results.Promotion;

/// <summary>Moves the production alias (promote, rollback) or the shadow alias, and tells every worker with
/// ModelRegistryChanged. A candidate that is worse than production is refused unless forced: on its card's test split, or on
/// the images people reviewed while it ran in shadow.</summary>
public sealed class ModelPromotions(ModelsFolder models, ModelComparer comparer, IPublishEndpoint publisher, TimeProvider clock)
{
    public async Task<RegistryEvent> PromoteAsync(PromotionRequest request, CancellationToken cancellationToken)
    {
        var before = models.Registry.Read();
        if (!request.Force && (WorseOnTestSplit(request.Version, models.Resolve(request.Version).Card, before.Production)
                ?? await WorseOnReviewedAsync(request.Version, before.Production, cancellationToken)) is { } why)
            throw new PromotionRefusedException(why + "; --force (force=true) promotes it anyway");
        var happened = models.Registry.Promote(request.Version, request.By, request.Reason, clock.GetUtcNow());
        await AnnounceAsync(happened, happened.Version!, cancellationToken);
        if (before.Shadow == request.Version) // the registry ended its shadow run: the workers' shadow slots empty too
            await AnnounceAsync(happened with { Action = RegistryActions.EndShadow }, happened.Version!, cancellationToken);
        return happened;
    }

    public async Task<RegistryEvent> RollbackAsync(string by, string? reason, CancellationToken cancellationToken)
    {
        var happened = models.Registry.Rollback(by, reason, clock.GetUtcNow());
        await AnnounceAsync(happened, happened.Version!, cancellationToken);
        return happened;
    }

    /// <summary>Puts <paramref name="version"/> in shadow (null: ends the shadow run); workers start or stop running it
    /// on a copy of live traffic.</summary>
    public async Task<RegistryEvent> ShadowAsync(string? version, string by, string? reason, CancellationToken cancellationToken)
    {
        var happened = models.Registry.SetShadow(version, by, reason, clock.GetUtcNow());
        if ((happened.Version ?? happened.Previous) is { } named)
            await AnnounceAsync(happened, named, cancellationToken);
        return happened;
    }

    private string? WorseOnTestSplit(string version, ModelCard candidate, string production)
    {
        var current = models.FindCard(production);
        if (candidate.Evaluation is not { } measured || current?.Evaluation is not { } baseline)
            return null;
        return measured.Accuracy < baseline.Accuracy
            ? $"{version} scores {measured.Accuracy:P1} on its card's test split, production {production} {baseline.Accuracy:P1}"
            : null;
    }

    private async Task<string?> WorseOnReviewedAsync(string version, string production, CancellationToken cancellationToken)
    {
        var reviewed = (await comparer.CompareAsync(version, production, cancellationToken)).Reviewed;
        return reviewed.CandidateCorrect < reviewed.ProductionCorrect
            ? $"on the {reviewed.Images} images people reviewed while {version} ran in shadow, it was right {reviewed.CandidateCorrect} times, production {production} {reviewed.ProductionCorrect}"
            : null;
    }

    /// <summary>Tells the workers. The registry has just checked the version's file against its card (an ended shadow's
    /// card may be gone since: workers need no hash to empty a slot).</summary>
    private Task AnnounceAsync(RegistryEvent happened, string version, CancellationToken cancellationToken) =>
        publisher.Publish(new ModelRegistryChanged
        {
            Action = ActionOf(happened), Version = version, Sha256 = models.FindCard(version)?.Sha256 ?? "",
            Previous = happened.Previous, By = happened.By, At = happened.At, Reason = happened.Reason,
        }, cancellationToken);

    private static ModelRegistryAction ActionOf(RegistryEvent happened) => happened.Action switch
    {
        RegistryActions.Promote => ModelRegistryAction.Promote,
        RegistryActions.Rollback => ModelRegistryAction.Rollback,
        RegistryActions.Shadow => ModelRegistryAction.Shadow,
        RegistryActions.EndShadow => ModelRegistryAction.EndShadow,
        _ => throw new InvalidOperationException($"the registry's '{happened.Action}' changes nothing a worker serves"),
    };
}

/// <summary>Who wants which version in production, and why. Force skips the comparison with production.</summary>
public sealed record PromotionRequest(string Version, string By, string? Reason, bool Force);

public sealed class PromotionRefusedException(string message) : Exception(message);
