using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Returns.Models;
using Returns.Results.Promotion;
using Returns.Results.Shadow;
using Returns.ServiceDefaults.Http;

namespace Returns.Results.Apis;

/// <summary>The model registry over HTTP, for admins only: versions and their cards, the history, shadow runs and their
/// comparison with production, promote and rollback.</summary>
public static class ModelsApi
{
    public sealed record RegistryView(string Production, string? Shadow, IReadOnlyList<VersionSummary> Versions, IReadOnlyList<RegistryEvent> History);

    public sealed record VersionSummary(string Version, string Status, double? TestAccuracy, int? ParentCorrections);

    public static IEndpointRouteBuilder MapModelsEndpoints(this IEndpointRouteBuilder app)
    {
        var registry = app.MapGroup("/api/models").WithTags("Models").RequireAuthorization(Scopes.Admin);
        registry.MapGet("/", List).WithSummary("Every version with its status (production, shadow, candidate), and the registry's history");
        registry.MapGet("/{version}/card", Show).WithSummary("A version's model card");
        registry.MapPost("/{version}/promote", PromoteAsync)
            .WithSummary("Make this version production; workers switch between two batches. Refused when its card scores worse than production's, unless force=true");
        registry.MapPost("/rollback", RollbackAsync).WithSummary("Go back to the version that was production before the current one");
        registry.MapPost("/{version}/shadow", ShadowAsync).WithSummary("Run this candidate on a copy of live traffic, stored apart from the outcomes");
        registry.MapPost("/shadow/end", EndShadowAsync).WithSummary("End the shadow run");
        registry.MapGet("/{version}/comparison", CompareAsync)
            .WithSummary("This candidate's shadow outcomes against production: agreement overall and per class, accuracy on reviewed images, latency");
        return app;
    }

    public static Ok<RegistryView> List(ModelsFolder models)
    {
        var state = models.Registry.Read();
        var versions = models.Registry.List()
            .Select(v => new VersionSummary(v.Version, v.Status, v.Card.Evaluation?.Accuracy, v.Card.Lineage?.Corrections))
            .ToArray();
        return TypedResults.Ok(new RegistryView(state.Production, state.Shadow, versions, state.History));
    }

    public static Results<Ok<ModelCard>, NotFound> Show(string version, ModelsFolder models) =>
        models.FindCard(version) is { } card ? TypedResults.Ok(card) : TypedResults.NotFound();

    public static async Task<Results<Ok<RegistryEvent>, NotFound, ProblemHttpResult>> PromoteAsync(string version, string? reason, bool? force,
        ClaimsPrincipal user, ModelsFolder models, ModelPromotions promotions, CancellationToken cancellationToken)
    {
        if (models.FindCard(version) is null)
            return TypedResults.NotFound();
        try
        {
            return TypedResults.Ok(await promotions.PromoteAsync(new PromotionRequest(version, Caller(user), reason, force ?? false), cancellationToken));
        }
        catch (Exception e) when (e is ModelUnavailableException or RegistryConflictException or PromotionRefusedException)
        {
            return Refused(e);
        }
    }

    public static async Task<Results<Ok<RegistryEvent>, ProblemHttpResult>> RollbackAsync(string? reason, ClaimsPrincipal user,
        ModelPromotions promotions, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(await promotions.RollbackAsync(Caller(user), reason, cancellationToken));
        }
        catch (Exception e) when (e is ModelUnavailableException or RegistryConflictException)
        {
            return Refused(e);
        }
    }

    public static async Task<Results<Ok<RegistryEvent>, NotFound, ProblemHttpResult>> ShadowAsync(string version, string? reason, ClaimsPrincipal user,
        ModelsFolder models, ModelPromotions promotions, CancellationToken cancellationToken)
    {
        if (models.FindCard(version) is null)
            return TypedResults.NotFound();
        try
        {
            return TypedResults.Ok(await promotions.ShadowAsync(version, Caller(user), reason, cancellationToken));
        }
        catch (Exception e) when (e is ModelUnavailableException or RegistryConflictException)
        {
            return Refused(e);
        }
    }

    public static async Task<Ok<RegistryEvent>> EndShadowAsync(string? reason, ClaimsPrincipal user, ModelPromotions promotions,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await promotions.ShadowAsync(null, Caller(user), reason, cancellationToken));

    public static async Task<Results<Ok<ModelComparison>, NotFound>> CompareAsync(string version, ModelsFolder models, ModelComparer comparer,
        CancellationToken cancellationToken) =>
        models.FindCard(version) is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(await comparer.CompareAsync(version, models.Registry.Read().Production, cancellationToken));

    private static string Caller(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";

    private static ProblemHttpResult Refused(Exception e) =>
        TypedResults.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: "The registry refused the change");
}
