using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Returns.Results.Storage;

namespace Returns.Staff.Pages;

public sealed class ImageModel(IResultStore store, ModelCatalog models) : PageModel
{
    public StoredOutcome? Outcome { get; private set; }
    /// <summary>The latest review, if anyone has looked.</summary>
    public StoredReview? Review { get; private set; }
    public IReadOnlyList<string> Labels { get; private set; } = [];

    public async Task OnGetAsync(string imageId, CancellationToken cancellationToken)
    {
        // An image may have outcomes from several model versions: show the newest.
        Outcome = (await store.FindAsync([imageId], null, cancellationToken)).OrderByDescending(o => o.CompletedAt).FirstOrDefault();
        if (Outcome is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        Review = (await store.FindReviewsAsync([imageId], cancellationToken)).FirstOrDefault();
        Labels = models.Labels(Outcome.ModelVersion) is { Count: > 0 } labels ? labels : Outcome.TopK.Select(s => s.Label).ToArray();
    }
}
