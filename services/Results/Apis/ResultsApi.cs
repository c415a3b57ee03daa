using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Returns.Contracts;
using Returns.Results.Reports;
using Returns.Results.Storage;
using Returns.ServiceDefaults.Http;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace Returns.Results.Apis;

public static class ResultsApi
{
    public static IEndpointRouteBuilder MapResultsEndpoints(this IEndpointRouteBuilder app)
    {
        var results = app.MapGroup("/api/results").WithTags("Results").RequireAuthorization(Scopes.Read);
        results.MapGet("/", QueryAsync)
            .WithSummary("Stored outcomes completed in [from, to), by run, model version, status, label and confidence range");
        results.MapGet("/{imageId}", async (string imageId, string? modelVersion, IResultStore store, CancellationToken cancellationToken) =>
                (await store.FindAsync([imageId], modelVersion, cancellationToken)) is { Count: > 0 } found
                    ? HttpResults.Ok(found)
                    : HttpResults.NotFound())
            .WithSummary("One image's outcomes for a model version, or for every version when none is given (and any refusal by ingest)")
            .Produces<IReadOnlyList<StoredOutcome>>()
            .Produces(StatusCodes.Status404NotFound);

        var reports = app.MapGroup("/api/reports").WithTags("Reports").RequireAuthorization(Scopes.Read);
        reports.MapGet("/", async (DateTimeOffset from, DateTimeOffset to, ReportCompiler compiler, CancellationToken cancellationToken) =>
                await compiler.BuildAsync(from, to, cancellationToken) is { } report ? HttpResults.Ok(report) : HttpResults.NotFound())
            .WithSummary("The report of [from, to), built from the stored outcomes")
            .Produces<NightlyReport>()
            .Produces(StatusCodes.Status404NotFound);
        reports.MapPost("/", async (DateTimeOffset from, DateTimeOffset to, ReportCompiler compiler, CancellationToken cancellationToken) =>
                await compiler.CompileAsync(from, to, cancellationToken) is { } compiled
                    ? HttpResults.Created($"/api/reports?from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}", compiled)
                    : HttpResults.NotFound())
            .RequireAuthorization(Scopes.Admin)
            .WithSummary("Compile the report of [from, to) now: files on disk and a ReportCompiled event")
            .Produces<ReportCompiled>(StatusCodes.Status201Created)
            .Produces(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> QueryAsync(DateTimeOffset? from, DateTimeOffset? to, string? runId, string? modelVersion, string? status,
        string? label, double? minConfidence, double? maxConfidence, int? limit, IResultStore store, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 10_000)
            return HttpResults.Problem("limit must be between 1 and 10000", statusCode: StatusCodes.Status400BadRequest);
        var query = new ResultQuery
        {
            From = from, To = to, RunId = runId, ModelVersion = modelVersion, Status = status, Label = label,
            MinConfidence = minConfidence, MaxConfidence = maxConfidence, Limit = limit ?? 1000,
        };
        return HttpResults.Ok(await store.QueryAsync(query, cancellationToken));
    }
}
