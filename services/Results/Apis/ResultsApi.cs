using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Returns.Results.Storage;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace Returns.Results.Apis;

public static class ResultsApi
{
    public static IEndpointRouteBuilder MapResultsEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/results").WithTags("Results");
        api.MapGet("/{imageId}", async (string imageId, string modelVersion, IResultStore store, CancellationToken cancellationToken) =>
                await store.FindAsync([imageId], modelVersion, cancellationToken) is { Count: > 0 } found
                    ? HttpResults.Ok(found)
                    : HttpResults.NotFound())
            .Produces<IReadOnlyList<StoredOutcome>>()
            .Produces(StatusCodes.Status404NotFound);
        return app;
    }
}
