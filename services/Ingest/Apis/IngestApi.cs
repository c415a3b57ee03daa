using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Returns.Ingest.Apis;

public static class IngestApi
{
    /// <summary>POST /api/images: multipart form with one or more image files and optional returnId and runId fields.</summary>
    public static IEndpointRouteBuilder MapIngestEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/images").WithTags("Ingest");
        api.MapPost("/", UploadAsync)
            .DisableAntiforgery() // an API-key endpoint for machines, not a browser form
            .Accepts<IFormFileCollection>("multipart/form-data")
            .Produces<IReadOnlyList<IngestResult>>(StatusCodes.Status202Accepted)
            .Produces(StatusCodes.Status401Unauthorized);
        return app;
    }

    private static async Task<IResult> UploadAsync(HttpRequest request, ImageIngestor ingestor, IOptions<IngestOptions> options,
        CancellationToken cancellationToken)
    {
        if (!HasValidKey(request, options.Value.ApiKey))
            return Results.Unauthorized();
        if (!request.HasFormContentType)
            return Results.BadRequest(new { error = "send the images as multipart/form-data" });

        var form = await request.ReadFormAsync(cancellationToken);
        if (form.Files.Count == 0)
            return Results.BadRequest(new { error = "the request holds no files" });
        var returnId = form["returnId"].FirstOrDefault();
        var runId = form["runId"].FirstOrDefault();

        var results = new List<IngestResult>();
        foreach (var file in form.Files)
        {
            if (await ingestor.RejectIfTooLargeAsync(file.FileName, file.Length, file.OpenReadStream, returnId, runId, cancellationToken) is { } tooLarge)
            {
                results.Add(tooLarge);
                continue;
            }
            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, cancellationToken);
            results.Add(await ingestor.IngestAsync(file.FileName, buffer.ToArray(), returnId, runId, cancellationToken));
        }
        return Results.Json(results, statusCode: StatusCodes.Status202Accepted);
    }

    private static bool HasValidKey(HttpRequest request, string? expected)
    {
        if (string.IsNullOrEmpty(expected))
            return true;
        var given = request.Headers["X-Api-Key"].ToString();
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
    }
}
