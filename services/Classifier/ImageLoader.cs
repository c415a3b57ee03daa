using System.Diagnostics;
using Returns.Contracts;
using Returns.ServiceDefaults;
using Returns.Images.ClaimCheck;
using Returns.Images;
using Returns.Telemetry;

namespace Returns.Classifier;

/// <summary>
/// Fetches one message's image from the claim check and checks it again, trusting no earlier stage: the address
/// must be one the store issued and name this very image, the bytes must hash to the image id, and the header
/// must pass the same limits ingest applies (type, bytes, pixels), so a bomb never reaches the decoder.
/// </summary>
public sealed class ImageLoader(ClaimCheckStore claimCheck, ImageInspector inspector)
{
    /// <summary>Every message's image, in the messages' order. Reading and checking the bytes is independent per image,
    /// so the images of a batch load side by side.</summary>
    public Task<(byte[]? Bytes, string? Reason, string? Detail)[]> LoadAllAsync(IEnumerable<ImageReceived> messages,
        CancellationToken cancellationToken) =>
        Task.WhenAll(messages.Select(m => TimedLoadAsync(m, cancellationToken)));

    private async Task<(byte[]? Bytes, string? Reason, string? Detail)> TimedLoadAsync(ImageReceived message, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var started = Stopwatch.GetTimestamp();
        var loaded = await LoadAsync(message, cancellationToken);
        ReturnsTelemetry.RecordStage(Stages.ClaimCheckRead, started);
        return loaded;
    }

    /// <summary>The image bytes, or a rejection (reason, detail). Only a missing claim-check folder (or cancellation)
    /// throws: whatever else is wrong with one message is that message's rejection, never its batch's failure.</summary>
    public async Task<(byte[]? Bytes, string? Reason, string? Detail)> LoadAsync(ImageReceived message, CancellationToken cancellationToken)
    {
        try
        {
            return await CheckedLoadAsync(message, cancellationToken);
        }
        catch (Exception e) when (e is not (ClaimCheckUnavailableException or OperationCanceledException))
        {
            return (null, RejectionReasons.ClaimCheckRefused, "the message's image cannot be used: " + e.GetType().Name);
        }
    }

    private async Task<(byte[]? Bytes, string? Reason, string? Detail)> CheckedLoadAsync(ImageReceived message, CancellationToken cancellationToken)
    {
        // An empty reference (bytes inline, or none) throws on Address: ask HasValue first.
        var address = message.Image is { HasValue: true } image ? image.Address : null;
        if (!ClaimCheckAddress.TryParse(address, out var id) || id != message.ImageId)
            return (null, RejectionReasons.ClaimCheckRefused, "the image address is not the claim-check entry of this image; inline bytes are not accepted");

        byte[] bytes;
        try
        {
            bytes = await claimCheck.ReadAsync(address, inspector.MaxBytes, cancellationToken);
        }
        catch (ClaimCheckRefusedException refused)
        {
            return (null, refused.Reason, refused.Message);
        }
        if (ImageId.Of(bytes) != id)
            return (null, RejectionReasons.ClaimCheckRefused, "the stored bytes do not match the image id");

        var inspection = inspector.Inspect(bytes);
        return inspection.Accepted ? (bytes, null, null) : (null, inspection.RejectionReason, inspection.Detail);
    }
}
