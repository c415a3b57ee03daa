using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Returns.Contracts;
using Returns.Results.Reports;
using Returns.Results.Storage;
using Returns.ServiceDefaults.Http;
using Returns.Images;

namespace Returns.Results.Apis;

/// <summary>The results service's HTTP API: outcomes, their thumbnails and reviews, reports, and how far reviewers
/// agree with a model. Reading needs the read scope; compiling a report needs admin.</summary>
public static class ResultsApi
{
    public static IEndpointRouteBuilder MapResultsEndpoints(this IEndpointRouteBuilder app)
    {
        var results = app.MapGroup("/api/results").WithTags("Results").RequireAuthorization(Scopes.Read);
        results.MapGet("/", QueryAsync)
            .WithSummary("A page of stored outcomes completed in [from, to), by run, return, model version, status, label, "
                + "confidence range and whether a person reviewed them, in the order asked for");
        results.MapGet("/{imageId}", FindAsync)
            .WithSummary("One image's outcomes for a model version, or for every version when none is given (and any refusal by ingest)");
        results.MapGet("/{imageId}/thumbnail", ThumbnailAsync)
            .Produces(StatusCodes.Status200OK, contentType: "image/jpeg", additionalContentTypes: "image/webp")
            .WithSummary("The image's preview (longest side at most 192 px) made by the classifier: JPEG, or WebP from older classifiers");
        results.MapGet("/{imageId}/reviews", ReviewsAsync)
            .WithSummary("Every review of the image, oldest first; the last one is its final label");

        var models = app.MapGroup("/api/models").WithTags("Models").RequireAuthorization(Scopes.Read);
        models.MapGet("/{version}/agreement", AgreementAsync)
            .WithSummary("How often reviewers kept the label this model version gave, per label and overall (reviewed in [from, to))");

        var reports = app.MapGroup("/api/reports").WithTags("Reports").RequireAuthorization(Scopes.Read);
        reports.MapGet("/", ReportAsync)
            .WithSummary("The report of [from, to), built from the stored outcomes and reviews");
        reports.MapPost("/", CompileAsync)
            .RequireAuthorization(Scopes.Admin)
            .WithSummary("Compile the report of [from, to) now: files on disk and a ReportCompiled event");
        return app;
    }

    public static async Task<Results<Ok<ResultsPage>, ValidationProblem>> QueryAsync([AsParameters] ResultsPageRequest request,
        IResultStore store, CancellationToken cancellationToken)
    {
        if (request.Problems() is { Count: > 0 } problems)
            return TypedResults.ValidationProblem(problems);
        var query = request.ToQuery();
        var items = await store.QueryAsync(query, cancellationToken);
        var total = await store.CountAsync(query, cancellationToken);
        return TypedResults.Ok(new ResultsPage(items, total, query.Skip, query.Limit));
    }

    public static async Task<Results<Ok<IReadOnlyList<StoredOutcome>>, NotFound>> FindAsync(string imageId, string? modelVersion,
        IResultStore store, CancellationToken cancellationToken) =>
        await store.FindAsync([imageId], modelVersion, cancellationToken) is { Count: > 0 } found ? TypedResults.Ok(found) : TypedResults.NotFound();

    public static async Task<Results<FileContentHttpResult, NotFound>> ThumbnailAsync(string imageId, IResultStore store,
        CancellationToken cancellationToken) =>
        await store.FindThumbnailAsync(imageId, cancellationToken) is { } thumbnail
            ? TypedResults.File(thumbnail, ImageFormats.Sniff(thumbnail) ?? "application/octet-stream")
            : TypedResults.NotFound();

    public static async Task<Ok<IReadOnlyList<StoredReview>>> ReviewsAsync(string imageId, IResultStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.QueryReviewsAsync(new ReviewQuery { ImageId = imageId }, cancellationToken));

    public static async Task<Results<Ok<ReviewAgreement>, ValidationProblem>> AgreementAsync(string version, DateTimeOffset? from,
        DateTimeOffset? to, IResultStore store, CancellationToken cancellationToken)
    {
        if (from >= to)
            return PeriodProblem();
        return TypedResults.Ok(await store.TallyAgreementAsync(new ReviewQuery { ModelVersion = version, From = from, To = to }, cancellationToken));
    }

    public static async Task<Results<Ok<NightlyReport>, NotFound, ValidationProblem>> ReportAsync(DateTimeOffset from, DateTimeOffset to,
        ReportCompiler compiler, CancellationToken cancellationToken)
    {
        if (from >= to)
            return PeriodProblem();
        return await compiler.BuildAsync(from, to, cancellationToken) is { } report ? TypedResults.Ok(report) : TypedResults.NotFound();
    }

    public static async Task<Results<Created<ReportCompiled>, NotFound, ValidationProblem>> CompileAsync(DateTimeOffset from, DateTimeOffset to,
        ReportCompiler compiler, CancellationToken cancellationToken)
    {
        if (from >= to)
            return PeriodProblem();
        return await compiler.CompileAsync(from, to, cancellationToken) is { } compiled
            ? TypedResults.Created($"/api/reports?from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}", compiled)
            : TypedResults.NotFound();
    }

    private static ValidationProblem PeriodProblem() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["to"] = ["to must be after from"] });
}
