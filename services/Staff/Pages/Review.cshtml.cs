using MassTransit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Returns.Contracts;
using Returns.Results;
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

    /// <param name="image">Shown first while it still needs a person: the image whose decision was just undone.</param>
    public async Task OnGetAsync(string? image, CancellationToken cancellationToken)
    {
        Queue = await queue.PeekAsync(User.Identity!.Name!, 2, cancellationToken);
        if (image is not null && Queue.Next.FirstOrDefault()?.ImageId != image
            && (await store.FindAsync([image], models.Production, cancellationToken)).FirstOrDefault(o => o.ModelVersion == models.Production) is { } undone
            && (await store.FindReviewsAsync([image], cancellationToken)).Count == 0
            && NeedsPerson.Of(undone, reviewed: false, models.ReviewThreshold(undone.ModelVersion)))
            Queue = Queue with { Next = [undone, .. Queue.Next.Where(o => o.ImageId != image)] };
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
        TempData["undo"] = $"{decision.ReviewId:D} {outcome.ImageId}";
        TempData["saved"] = decision.Label == outcome.Label
            ? $"{outcome.SourceName}: {decision.Label} confirmed."
            : $"{outcome.SourceName}: corrected from {outcome.Label} to {decision.Label}.";
        return LocalRedirect(Url.IsLocalUrl(decision.ReturnTo) ? decision.ReturnTo! : "/review");
    }

    /// <summary>Takes back this person's own last decision: once the results service has removed the review, the image
    /// waits in the queue again and is shown first.</summary>
    public async Task<IActionResult> OnPostUndoAsync([FromForm] Guid reviewId, [FromForm] string imageId, CancellationToken cancellationToken)
    {
        var user = User.Identity!.Name!;
        var review = await WaitForAsync(imageId, reviewId, stored: true, cancellationToken);
        if (review is null || review.Reviewer != user)
            return BadRequest("there is no review of yours with that id to undo");
        await publisher.Publish(new ImageReviewWithdrawn
        {
            ReviewId = reviewId, ImageId = imageId, WithdrawnBy = user, WithdrawnAt = clock.GetUtcNow(),
        }, cancellationToken);
        await WaitForAsync(imageId, reviewId, stored: false, cancellationToken);
        queue.Restore(user, imageId);
        TempData["saved"] = $"Undone: {review.ReviewedLabel} is no longer the label; decide again.";
        return LocalRedirect($"/review?image={Uri.EscapeDataString(imageId)}");
    }

    /// <summary>The results service stores a review (or removes it) a moment after it is published: wait a few seconds for
    /// it, so the page that follows shows the state the person expects.</summary>
    private async Task<StoredReview?> WaitForAsync(string imageId, Guid reviewId, bool stored, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var found = (await store.QueryReviewsAsync(new ReviewQuery { ImageId = imageId, Limit = 1000 }, cancellationToken))
                .FirstOrDefault(r => r.ReviewId == reviewId);
            if ((found is not null) == stored || attempt == 50)
                return found;
            await Task.Delay(100, cancellationToken);
        }
    }

    public IActionResult OnPostSkip([FromForm] string imageId)
    {
        queue.SetAside(User.Identity!.Name!, imageId);
        return RedirectToPage();
    }
}
