using System.Globalization;
using System.Text;
using Returns.Contracts;
using Returns.Inference;

namespace Returns.Training.Tests;

/// <summary>A photo staff reviewed, with the label they gave it; <see cref="AsThumbnail"/>: exported as the stored JPEG
/// thumbnail, as when the original has left the claim check.</summary>
public sealed record Review(string Photo, string ReviewedLabel, bool AsThumbnail = false);

/// <summary>
/// Writes a folder as `returns corrections export` does: &lt;reviewed label&gt;/&lt;image id&gt;.jpg and manifest.csv.
/// The model labels come from the production model itself, and thumbnails from its serving path.
/// </summary>
public static class CorrectionsExportFolder
{
    private const int ThumbnailSide = 192;

    public static string Create(string directory, ImageClassifier production, IReadOnlyList<Review> reviews)
    {
        var manifest = new StringBuilder("image_id,file,source,model_label,reviewed_label,corrected,reviewer,reviewed_at,model_version\n");
        foreach (var review in reviews)
        {
            var original = File.ReadAllBytes(review.Photo);
            var outcome = production.Classify([original]).Single();
            var imageId = ImageId.Of(original);
            var (bytes, extension, source) = review.AsThumbnail ? (outcome.Thumbnail!, "jpg", "thumbnail") : (original, "jpg", "original");
            var file = $"{review.ReviewedLabel}/{imageId}.{extension}";
            Directory.CreateDirectory(Path.Combine(directory, review.ReviewedLabel));
            File.WriteAllBytes(Path.Combine(directory, file), bytes);
            var modelLabel = outcome.Prediction!.Label;
            manifest.Append(CultureInfo.InvariantCulture,
                $"{imageId},{file},{source},{modelLabel},{review.ReviewedLabel},{(modelLabel == review.ReviewedLabel ? "no" : "yes")},\"Doe, Jane\",2025-03-04T05:06:07.000Z,{production.Card.Version}\n");
        }
        File.WriteAllText(Path.Combine(directory, "manifest.csv"), manifest.ToString());
        return directory;
    }

    public static ImageClassifier ThumbnailingClassifier(Returns.Models.ResolvedModel model) =>
        ImageClassifier.Load(model, thumbnailSide: ThumbnailSide);
}
