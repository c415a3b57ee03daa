using Returns.Contracts;
using Returns.ServiceDefaults.ClaimCheck;
using Returns.ServiceDefaults.Images;

namespace Returns.Classifier;

/// <summary>
/// Fetches one message's image from the claim check and checks it again, trusting no earlier stage: the address
/// must be one the store issued and name this very image, the bytes must hash to the image id, and the header
/// must pass the same limits ingest applies (type, bytes, pixels), so a bomb never reaches the decoder.
/// </summary>
public sealed class ImageLoader(ClaimCheckStore claimCheck, ImageInspector inspector)
{
    /// <summary>The image bytes, or a rejection (reason, detail). A missing claim-check folder throws instead.</summary>
    public async Task<(byte[]? Bytes, string? Reason, string? Detail)> LoadAsync(ImageReceived message, CancellationToken cancellationToken)
    {
        var address = message.Image?.Address;
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
        if (Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)) != id)
            return (null, RejectionReasons.ClaimCheckRefused, "the stored bytes do not match the image id");

        var inspection = inspector.Inspect(bytes);
        return inspection.Accepted ? (bytes, null, null) : (null, inspection.RejectionReason, inspection.Detail);
    }
}
