using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Returns.Staff.Pages;

/// <summary>The page only; the browser streams the photos to POST /api/images in small groups (upload.js), so a large
/// batch is never one huge request, and polls /staff/api/status until every photo has settled.</summary>
public sealed class UploadModel(TimeProvider clock) : PageModel
{
    /// <summary>Names this page's uploads in the results, like a nightly run: upload-&lt;user&gt;-&lt;UTC time&gt;.</summary>
    public string RunId { get; private set; } = "";

    public void OnGet() => RunId = $"upload-{User.Identity!.Name}-{clock.GetUtcNow():yyyyMMdd-HHmmss}";
}
