using MassTransit;
using Returns.Contracts;
using Returns.Results.Lines;
using Returns.Results.Storage;

namespace Returns.Results.Consumers;

/// <summary>Links a photo to its line, so the line waits for it; a photo classified before is assessed at once.</summary>
public sealed class PhotoAttachedConsumer(IReturnLineStore lines, LineAssessor assessor, TimeProvider clock) : IConsumer<PhotoAttached>
{
    public async Task Consume(ConsumeContext<PhotoAttached> context)
    {
        var m = context.Message;
        ReturnValidation.Check(m, clock);
        await lines.AttachPhotoAsync(new LinePhoto(m.ReturnId, m.LineId, m.ImageId, m.AttachedAt), context.CancellationToken);
        await assessor.AssessAsync(new LineKey(m.ReturnId, m.LineId), context, context.CancellationToken);
    }
}
