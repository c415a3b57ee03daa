using MassTransit;
using Microsoft.Extensions.Logging;
using Returns.Contracts;
using Returns.Results.Lines;
using Returns.Results.Storage;

namespace Returns.Results.Consumers;

/// <summary>Removes a review its reviewer took back; the image's lines are assessed again on what is left. The same
/// withdrawal delivered again changes nothing.</summary>
public sealed partial class ImageReviewWithdrawnConsumer(IResultStore store, LineAssessor lines, ILogger<ImageReviewWithdrawnConsumer> logger)
    : IConsumer<ImageReviewWithdrawn>
{
    public async Task Consume(ConsumeContext<ImageReviewWithdrawn> context)
    {
        var m = context.Message;
        OutcomeValidation.Check(m);
        if (!await store.WithdrawReviewAsync(m.ReviewId, context.CancellationToken))
            LogNothingToWithdraw(m.ReviewId, m.ImageId);
        await lines.AssessLinesOfImageAsync(m.ImageId, context, context.CancellationToken);
    }

    [LoggerMessage(LogLevel.Debug, "Review {ReviewId} of {ImageId} was not stored (already withdrawn); nothing to do")]
    private partial void LogNothingToWithdraw(Guid reviewId, string imageId);
}
