using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Returns.Contracts;
using Returns.Results;
using Returns.Results.Storage;
using Returns.Testing;
using SkiaSharp;

namespace Returns.Pipeline.Tests;

/// <summary>`returns corrections export` on a results database and claim-check folder prepared as the services leave them.</summary>
public sealed class CorrectionsExportTests : IDisposable
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("returns-corrections-");
    private readonly SqliteResultStore store;

    public CorrectionsExportTests() =>
        store = new SqliteResultStore(Options.Create(new ResultsOptions { SqlitePath = Path.Combine(Data, "results.db") }));

    private string Data => Path.Combine(work.FullName, "data");
    private string Out => Path.Combine(work.FullName, "corrections");
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reviewed_images_are_filed_under_their_final_label_originals_first_and_a_rerun_gives_the_same_tree()
    {
        var photo = File.ReadAllBytes(RepoPaths.SamplePhoto(2));
        var (kept, gone, lost) = (Id(photo), new string('b', 64), new string('c', 64));
        Directory.CreateDirectory(Path.Combine(Data, "claim-check"));
        File.WriteAllBytes(Path.Combine(Data, "claim-check", kept), photo);
        var thumbnail = Webp();
        await store.SaveThumbnailAsync(gone, thumbnail, Token);
        await ReviewAsync(kept, "shoes", "hat", minute: 0);
        await ReviewAsync(gone, "dress", "dress", minute: 1);
        await ReviewAsync(gone, "dress", "pants", minute: 2); // the later review is the final label
        await ReviewAsync(lost, "hat", "hat", minute: 3); // neither original nor thumbnail left

        var first = await ExportAsync();

        Assert.Equal([$"hat/{kept}.jpg", "manifest.csv", $"pants/{gone}.webp"], first.Keys);
        Assert.Equal(Convert.ToHexString(SHA256.HashData(photo)), first[$"hat/{kept}.jpg"].Hash);
        Assert.Equal(Convert.ToHexString(SHA256.HashData(thumbnail)), first[$"pants/{gone}.webp"].Hash);
        var manifest = File.ReadAllLines(Path.Combine(Out, "manifest.csv"));
        Assert.Equal("image_id,file,source,model_label,reviewed_label,corrected,reviewer,reviewed_at,model_version", manifest[0]);
        Assert.Equal(
            [$"{kept},hat/{kept}.jpg,original,shoes,hat,yes,ana,2026-11-23T09:00:00.000Z,v1", $"{gone},pants/{gone}.webp,thumbnail,dress,pants,yes,ana,2026-11-23T09:02:00.000Z,v1"],
            manifest.Skip(1).Order(StringComparer.Ordinal));
        Assert.Equal(manifest.Skip(1).Order(StringComparer.Ordinal), manifest.Skip(1)); // in image id order

        Assert.Equal(first, await ExportAsync());

        // The claim check lets the original go, and someone relabels the photo: the exported original moves with it.
        File.Delete(Path.Combine(Data, "claim-check", kept));
        await ReviewAsync(kept, "shoes", "t-shirt", minute: 10);
        var third = await ExportAsync();
        Assert.Equal([$"pants/{gone}.webp", $"t-shirt/{kept}.jpg"], third.Keys.Where(k => k != "manifest.csv"));
        Assert.Equal(first[$"hat/{kept}.jpg"].Hash, third[$"t-shirt/{kept}.jpg"].Hash);
        Assert.False(Directory.Exists(Path.Combine(Out, "hat")));
    }

    [Fact]
    public async Task The_export_can_be_limited_to_a_review_period_and_model_version()
    {
        var (a, b) = (new string('a', 64), new string('b', 64));
        await store.SaveThumbnailAsync(a, Webp(), Token);
        await store.SaveThumbnailAsync(b, Webp(), Token);
        await ReviewAsync(a, "shoes", "hat", minute: 0);
        await ReviewAsync(b, "shoes", "hat", minute: 0, modelVersion: "v2");

        var v2 = await ExportAsync("--model-version", "v2");
        var later = await ExportAsync("--from", Morning.AddHours(1).ToString("O"));

        Assert.Equal([$"hat/{b}.webp", "manifest.csv"], v2.Keys);
        Assert.Equal(["manifest.csv"], later.Keys);
    }

    /// <summary>Runs the export; returns every file under --out with its hash and last write time.</summary>
    private async Task<SortedDictionary<string, (string Hash, DateTime Written)>> ExportAsync(params string[] options)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var (exit, output) = await CliProcess.RunAsync(["corrections", "export", "--out", Out, "--data", Data, .. options]);
        Assert.True(exit == 0, output);
        return new SortedDictionary<string, (string, DateTime)>(Directory.GetFiles(Out, "*", SearchOption.AllDirectories).ToDictionary(
            f => Path.GetRelativePath(Out, f), f => (Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))), File.GetLastWriteTimeUtc(f))),
            StringComparer.Ordinal);
    }

    private Task ReviewAsync(string imageId, string modelLabel, string reviewedLabel, int minute, string modelVersion = "v1") =>
        store.SaveReviewAsync(StoredReview.From(new ImageReviewed
        {
            ReviewId = Guid.NewGuid(), ImageId = imageId, ModelVersion = modelVersion, PreviousLabel = modelLabel, ReviewedLabel = reviewedLabel,
            Reviewer = "ana", ReviewedAt = Morning.AddMinutes(minute),
        }), Token);

    private static string Id(byte[] bytes) => ImageId.Of(bytes);

    private static byte[] Webp()
    {
        using var bitmap = new SKBitmap(48, 32);
        bitmap.Erase(SKColors.SteelBlue);
        using var data = bitmap.Encode(SKEncodedImageFormat.Webp, 70);
        return data.ToArray();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        work.Delete(recursive: true);
    }
}
