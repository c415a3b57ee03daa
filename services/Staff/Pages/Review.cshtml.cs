using MassTransit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Returns.Contracts;
using Returns.Results.Storage;

namespace Returns.Staff.Pages;

/// <summary>One image at a time, least confident first. A decision is published as ImageReviewed; the results
/// service stores it (idempotently, by ReviewId, which the form carries so a double submit counts once).</summary>
public sealed class ReviewModel(ReviewQueue queue, ModelCatalog models, IResultStore store, IPublishEndpoint publisher, TimeProvider clock)
    : PageModel
{
    public ReviewQueue.Snapshot Queue { get; private set; } = new([], 0, 0);
    public StoredOutcome? Current => Queue.Next.ElementAtOrDefault(0);
    public StoredOutcome? Following => Queue.Next.ElementAtOrDefault(1);
    public IReadOnlyList<string> Labels { get; private set; } = [];
    public double Threshold { get; private set; }

    public sealed record Decision(string ImageId, string ModelVersion, string Label, Guid ReviewId, string? ReturnTo);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Queue = await queue.PeekAsync(User.Identity!.Name!, 2, cancellationToken);
        var version = Current?.ModelVersion ?? models.Production ?? "";
        Threshold = models.ReviewThreshold(version);
        Labels = models.Labels(version) is { Count: > 0 } labels ? labels : Current?.TopK.Select(s => s.Label).ToArray() ?? [];
    }

    public async Task<IActionResult> OnPostDecideAsync([FromForm] Decision decision, CancellationToken cancellationToken)
    {
        var outcome = (await store.FindAsync([decision.ImageId], decision.ModelVersion, cancellationToken))
            .FirstOrDefault(o => o.ModelVersion == decision.ModelVersion && o.Status != OutcomeStatus.Rejected);
        var labels = outcome is null ? [] : models.Labels(outcome.ModelVersion) is { Count: > 0 } known ? known : outcome.TopK.Select(s => s.Label).ToArray();
        if (outcome is null || !labels.Contains(decision.Label) || decision.ReviewId == Guid.Empty)
            return BadRequest("there is no classified image with that id and model version, or the label is not one of the model's");

        await publisher.Publish(new ImageReviewed
        {
            ReviewId = decision.ReviewId, ImageId = outcome.ImageId, ModelVersion = outcome.ModelVersion, PreviousLabel = outcome.Label,
            ReviewedLabel = decision.Label, Reviewer = User.Identity!.Name!, ReviewedAt = clock.GetUtcNow(),
        }, cancellationToken);
        queue.SetAside(User.Identity.Name!, outcome.ImageId);
        TempData["saved"] = decision.Label == outcome.Label
            ? $"{outcome.SourceName}: {decision.Label} confirmed."
            : $"{outcome.SourceName}: corrected from {outcome.Label} to {decision.Label}.";
        return LocalRedirect(Url.IsLocalUrl(decision.ReturnTo) ? decision.ReturnTo! : "/review");
    }

    public IActionResult OnPostSkip([FromForm] string imageId)
    {
        queue.SetAside(User.Identity!.Name!, imageId);
        return RedirectToPage();
    }
}
