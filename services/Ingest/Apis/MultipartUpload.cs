using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Returns.Images.ClaimCheck;

namespace Returns.Ingest.Apis;

/// <summary>One multipart upload read as a stream: each file part goes straight to the claim check's staging area
/// (hashed on the way, never held whole in memory); the short text fields are read with a bound.</summary>
public sealed class MultipartUpload : IAsyncDisposable
{
    private const int MaxFieldLength = 200;

    public List<(string FileName, StagedImage Staged)> Files { get; } = [];
    public Dictionary<string, string> Fields { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <exception cref="InvalidDataException">the body is not well-formed multipart, or has too many parts.</exception>
    public static async Task<MultipartUpload> ReadAsync(HttpRequest request, int maxParts, ImageIngestor ingestor, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 and <= 70 } boundary)
            throw new InvalidDataException("send the images as multipart/form-data");

        var upload = new MultipartUpload();
        try
        {
            var reader = new MultipartReader(boundary, request.Body) { HeadersCountLimit = 16, HeadersLengthLimit = 8 * 1024 };
            var parts = 0;
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (++parts > maxParts)
                    throw new InvalidDataException($"more than {maxParts} parts in one request");
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                    throw new InvalidDataException("every part needs a form-data Content-Disposition");
                if (disposition.IsFileDisposition())
                    upload.Files.Add((FileName(disposition), await ingestor.StageAsync(section.Body, cancellationToken)));
                else
                    upload.Fields[HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? ""] = await FieldAsync(section.Body, cancellationToken);
            }
            return upload;
        }
        catch
        {
            await upload.DisposeAsync();
            throw;
        }
    }

    private static string FileName(ContentDispositionHeaderValue disposition) =>
        HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "";

    private static async Task<string> FieldAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new char[MaxFieldLength + 1];
        using var reader = new StreamReader(body, Encoding.UTF8);
        var read = await reader.ReadBlockAsync(buffer, cancellationToken);
        if (read > MaxFieldLength)
            throw new InvalidDataException($"a form field is longer than {MaxFieldLength} characters");
        return new string(buffer, 0, read);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, staged) in Files)
            await staged.DisposeAsync();
    }
}
