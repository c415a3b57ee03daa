using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Returns.ServiceDefaults.Http;

namespace Returns.Ingest.Apis;

public static class IngestApi
{
    private const int RetryAfterSeconds = 10;

    /// <summary>POST /api/images: multipart form with one or more image files and optional returnId, lineId and runId fields.</summary>
    public static IEndpointRouteBuilder MapIngestEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/images").WithTags("Ingest").RequireAuthorization(Scopes.Ingest);
        api.MapPost("/", UploadAsync)
            .DisableAntiforgery() // an API-key endpoint for machines, not a browser form
            .Accepts<IFormFileCollection>("multipart/form-data")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<Results<JsonHttpResult<IngestResult[]>, ValidationProblem, ProblemHttpResult>> UploadAsync(HttpRequest request, HttpResponse response,
        ImageIngestor ingestor, IBusControl bus, IOptions<IngestOptions> options, CancellationToken cancellationToken)
    {
        // Fail fast: with the broker down nothing could be published, so nothing is read or stored.
        if (bus.CheckHealth().Status != BusHealthStatus.Healthy)
            return Unavailable(response);

        MultipartUpload upload;
        try
        {
            upload = await MultipartUpload.ReadAsync(request, options.Value.MaxParts, ingestor, cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or IOException and not BadHttpRequestException)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "Malformed upload");
        }

        await using (upload)
        {
            if (upload.Files.Count == 0)
                return TypedResults.Problem("the request holds no files", statusCode: StatusCodes.Status400BadRequest, title: "Malformed upload");
            if (ImageSource.Problems(upload.Fields) is { Count: > 0 } problems)
                return TypedResults.ValidationProblem(problems);
            var source = (string name) => new ImageSource(name, ImageSource.CleanId(upload.Fields.GetValueOrDefault("returnId")),
                ImageSource.CleanId(upload.Fields.GetValueOrDefault("runId")), ImageSource.CleanId(upload.Fields.GetValueOrDefault("lineId")));
            var results = new List<IngestResult>();
            try
            {
                foreach (var (fileName, staged) in upload.Files)
                    results.Add(await ingestor.IngestAsync(source(fileName), staged, cancellationToken));
            }
            catch (BrokerUnavailableException)
            {
                return Unavailable(response);
            }
            return TypedResults.Json(results.ToArray(), statusCode: StatusCodes.Status202Accepted);
        }
    }

    private static ProblemHttpResult Unavailable(HttpResponse response)
    {
        response.Headers.RetryAfter = RetryAfterSeconds.ToString();
        return TypedResults.Problem("the message broker is not reachable; nothing was kept. Send the images again later.",
            statusCode: StatusCodes.Status503ServiceUnavailable, title: "Broker unavailable");
    }
}
