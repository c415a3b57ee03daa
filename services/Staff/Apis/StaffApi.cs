using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Returns.Results;
using Returns.Results.Reports;
using Returns.Results.Storage;
using Returns.Images.ClaimCheck;
using Returns.ServiceDefaults.Http;
using Returns.Images;
using Returns.Contracts;

namespace Returns.Staff.Apis;

/// <summary>The few endpoints the console's pages call besides the results and ingest APIs.</summary>
public static class StaffApi
{
    private const int MaxIds = 100;
    private static readonly string[] ReportFiles = [ReportHtml.File, ReportWriter.CsvFile, LinesCsv.File, ReportWriter.SummaryFile];

    public sealed record ImageStatus(string ImageId, string Status, string? Label, float? Confidence, string? Reason, string? ModelVersion);

    public static IEndpointRouteBuilder MapStaffApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/staff/api/status", StatusAsync).RequireAuthorization(Scopes.Read)
            .WithSummary("Where each image is: received (no outcome yet), classified, needs_retake or rejected");
        app.MapGet("/images/{imageId}/original", OriginalAsync).RequireAuthorization(Scopes.Read)
            .WithSummary("The photo as it was uploaded, while the claim check still holds it (a reviewer may need more than the preview)");
        app.MapGet("/reports/{folder}/{file}", ReportFile).RequireAuthorization(Scopes.Read)
            .WithSummary("A compiled period report's page, CSV or summary");
        return app;
    }

    private static async Task<Results<Ok<ImageStatus[]>, ProblemHttpResult>> StatusAsync(string? ids, IResultStore store,
        CancellationToken cancellationToken)
    {
        var wanted = (ids ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToArray();
        if (wanted.Length is 0 or > MaxIds)
            return TypedResults.Problem($"ids holds 1 to {MaxIds} comma-separated image ids", statusCode: StatusCodes.Status400BadRequest);
        var outcomes = (await store.FindAsync(wanted, null, cancellationToken)).ToLookup(o => o.ImageId);
        return TypedResults.Ok(wanted.Select(id => outcomes[id].OrderByDescending(o => o.CompletedAt).FirstOrDefault() is { } o
                ? new ImageStatus(id, o.Status, o.Label, o.Confidence, o.Reason, o.ModelVersion)
                : new ImageStatus(id, "received", null, null, null, null))
            .ToArray());
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> OriginalAsync(string imageId, ClaimCheckStore claimCheck,
        IOptions<ImageLimits> limits, CancellationToken cancellationToken)
    {
        if (!ImageId.IsWellFormed(imageId))
            return TypedResults.Problem("There is no photo with that id.", statusCode: StatusCodes.Status404NotFound, title: "No such photo");
        try
        {
            var bytes = await claimCheck.ReadAsync(ClaimCheckAddress.For(imageId), limits.Value.MaxBytes, cancellationToken);
            return TypedResults.File(bytes, ImageFormats.Sniff(bytes) ?? "application/octet-stream");
        }
        catch (Exception e) when (e is ClaimCheckRefusedException or ClaimCheckUnavailableException)
        {
            return TypedResults.Problem("The original photo is no longer kept (the claim check lets it go once its outcome is settled); "
                + "the preview is all that is left.", statusCode: StatusCodes.Status404NotFound, title: "Original photo no longer kept");
        }
    }

    private static Results<PhysicalFileHttpResult, NotFound> ReportFile(string folder, string file, IOptions<ResultsOptions> options)
    {
        if (!ReportFiles.Contains(file) || folder.Contains("..", StringComparison.Ordinal) || folder.IndexOfAny(['/', '\\']) >= 0)
            return TypedResults.NotFound();
        var root = Path.GetFullPath(options.Value.ReportsPath);
        var path = Path.Combine(root, folder, file);
        if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(path)
            || new FileInfo(path).LinkTarget is not null)
            return TypedResults.NotFound();
        var type = Path.GetExtension(file) switch { ".html" => "text/html; charset=utf-8", ".csv" => "text/csv; charset=utf-8", _ => "application/json" };
        return TypedResults.PhysicalFile(path, type);
    }
}
