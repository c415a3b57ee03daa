using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Returns.Staff.Http;

/// <summary>
/// A person's browser that asks for a page and meets an error (too many requests, a bad form, a page that is not there)
/// gets a readable page with a way back, not raw ProblemDetails JSON. APIs, and callers that do not ask for HTML, keep
/// ProblemDetails: this writer goes first and declines them.
/// </summary>
public sealed class HtmlProblemWriter : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context)
    {
        var request = context.HttpContext.Request;
        if (request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/staff/api") || request.Path.StartsWithSegments("/health")
            || request.Path.StartsWithSegments("/metrics"))
            return false;
        return request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
    }

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var response = context.HttpContext.Response;
        var status = context.ProblemDetails.Status ?? response.StatusCode;
        var title = context.ProblemDetails.Title ?? ReasonPhrases.GetReasonPhrase(status);
        var detail = context.ProblemDetails.Detail ?? (status == StatusCodes.Status404NotFound ? "There is no such page." : "");
        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync($$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{Enc(title)}} · Returns</title><link rel="stylesheet" href="/assets/site.css"></head>
            <body><header class="top"><a class="brand" href="/">Returns</a></header>
            <main><h1>{{Enc(title)}}</h1><p id="problem" data-status="{{status}}">{{Enc(detail)}}</p>
            <p><a href="/">Back to the console</a></p></main></body></html>
            """, context.HttpContext.RequestAborted);
    }

    private static string Enc(string text) => WebUtility.HtmlEncode(text);
}
