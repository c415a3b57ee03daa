using MassTransit;
using Returns.Contracts;
using Returns.Models;

namespace Returns.Results.Promotion;

/// <summary>Moves the production alias (promote, rollback) and tells every worker with ModelPromoted. A candidate
/// whose card measures it worse than production on its test split is refused unless forced.</summary>
public sealed class ModelPromotions(ModelsFolder models, IPublishEndpoint publisher, TimeProvider clock)
{
    public async Task<RegistryEvent> PromoteAsync(PromotionRequest request, CancellationToken cancellationToken)
    {
        if (!request.Force && WorseThanProduction(request.Version) is { } why)
            throw new PromotionRefusedException(why);
        var happened = models.Registry.Promote(request.Version, request.By, request.Reason, clock.GetUtcNow());
        await AnnounceAsync(happened, cancellationToken);
        return happened;
    }

    public async Task<RegistryEvent> RollbackAsync(string by, string? reason, CancellationToken cancellationToken)
    {
        var happened = models.Registry.Rollback(by, reason, clock.GetUtcNow());
        await AnnounceAsync(happened, cancellationToken);
        return happened;
    }

    private string? WorseThanProduction(string version)
    {
        var candidate = models.Resolve(version).Card;
        var production = models.FindCard(models.Registry.Read().Production);
        if (candidate.Evaluation is not { } measured || production?.Evaluation is not { } current)
            return null;
        return measured.Accuracy < current.Accuracy
            ? $"{version} scores {measured.Accuracy:P1} on its card's test split, production {production.Version} {current.Accuracy:P1}"
            : null;
    }

    private Task AnnounceAsync(RegistryEvent happened, CancellationToken cancellationToken) =>
        publisher.Publish(new ModelPromoted
        {
            Action = happened.Action, Version = happened.Version!, Sha256 = models.Resolve(happened.Version!).Card.Sha256,
            Previous = happened.Previous, By = happened.By, At = happened.At, Reason = happened.Reason,
        }, cancellationToken);
}

/// <summary>Who wants which version in production, and why. Force skips the comparison with production.</summary>
public sealed record PromotionRequest(string Version, string By, string? Reason, bool Force);

public sealed class PromotionRefusedException(string message) : Exception(message);
