using MassTransit;
using Microsoft.Extensions.Logging;
using Returns.Contracts;
using Returns.Results.Lines;
using Returns.Results.Storage;

namespace Returns.Results.Consumers;

/// <summary>Stores a person's review of an image; the same review delivered again changes nothing. A malformed one
/// is refused.</summary>
public sealed partial class ImageReviewedConsumer(IResultStore store, LineAssessor lines, TimeProvider clock, ILogger<ImageReviewedConsumer> logger) : IConsumer<ImageReviewed>
{
    public async Task Consume(ConsumeContext<ImageReviewed> context)
    {
        var m = context.Message;
        OutcomeValidation.Check(m, clock);
        if (!await store.SaveReviewAsync(StoredReview.From(m), context.CancellationToken))
            LogDuplicate(m.ReviewId, m.ImageId);
        await lines.AssessLinesOfImageAsync(m.ImageId, context, context.CancellationToken); // the latest review is the photo's label
    }

    [LoggerMessage(LogLevel.Debug, "Review {ReviewId} of {ImageId} already stored; duplicate ignored")]
    private partial void LogDuplicate(Guid reviewId, string imageId);
}
