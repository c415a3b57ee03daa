using Returns.Testing;

namespace Returns.Training.Tests;

/// <summary>`--corrections` brings files in from outside: the folder is read without following a link, without opening
/// a FIFO or device, without leaving it, and without trusting any file's size. Each refusal names its file.</summary>
public sealed class CorrectionsFolderTests : IDisposable
{
    private static readonly string[] Labels = ["bag", "hat", "shoes"];

    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("returns-corrections-");

    private string Folder => Path.Combine(work.FullName, "export");

    [Fact]
    public void A_regular_export_is_read()
    {
        Export(("hat/a.jpg", Photo(0)), ("bag/b.jpg", Photo(1)));

        var photos = CorrectionsFolder.Read(new DirectoryInfo(Folder), Labels);

        Assert.Equal(["corrections/bag/b.jpg", "corrections/hat/a.jpg"], photos.Select(p => p.Image.RelativePath));
    }

    [Fact]
    public void A_link_to_a_file_outside_the_folder_is_refused()
    {
        var secret = Path.Combine(work.FullName, "secret.jpg");
        File.WriteAllBytes(secret, Photo(0));
        Export(("hat/a.jpg", null));
        File.CreateSymbolicLink(Path.Combine(Folder, "hat", "a.jpg"), secret);

        // Before: the link was followed and the file outside became training data.
        var refused = Assert.Throws<InvalidDataException>(() => CorrectionsFolder.Read(new DirectoryInfo(Folder), Labels));
        Assert.Contains("hat/a.jpg", refused.Message);
        Assert.Contains("link", refused.Message);
    }

    [Fact]
    public void A_linked_label_folder_is_refused()
    {
        var elsewhere = Directory.CreateDirectory(Path.Combine(work.FullName, "elsewhere")).FullName;
        File.WriteAllBytes(Path.Combine(elsewhere, "a.jpg"), Photo(0));
        Directory.CreateDirectory(Folder);
        Directory.CreateSymbolicLink(Path.Combine(Folder, "hat"), elsewhere);
        Export(("hat/a.jpg", null));

        var refused = Assert.Throws<InvalidDataException>(() => CorrectionsFolder.Read(new DirectoryInfo(Folder), Labels));
        Assert.Contains("link", refused.Message);
    }

    [Fact]
    public async Task A_fifo_named_like_a_photo_is_refused_without_waiting_on_it()
    {
        Export(("hat/a.jpg", null));
        SpecialFiles.Fifo(Path.Combine(Folder, "hat", "a.jpg"));

        // Before: accepted here, then training blocked for ever reading it. A hang here is a TimeoutException.
        var refused = await Assert.ThrowsAsync<InvalidDataException>(() => ReadWithin(TimeSpan.FromSeconds(10)));
        Assert.Contains("not a regular file", refused.Message);
    }

    [Fact]
    public async Task A_manifest_that_is_a_fifo_is_refused_without_waiting_on_it()
    {
        Directory.CreateDirectory(Folder);
        SpecialFiles.Fifo(Path.Combine(Folder, CorrectionsFolder.ManifestFile));

        await Assert.ThrowsAsync<InvalidDataException>(() => ReadWithin(TimeSpan.FromSeconds(10)));
    }

    /// <summary>A read that blocks is abandoned (its thread stays blocked on the FIFO until the test process ends).</summary>
    private Task ReadWithin(TimeSpan limit) =>
        Task.Run(() => CorrectionsFolder.Read(new DirectoryInfo(Folder), Labels)).WaitAsync(limit, TestContext.Current.CancellationToken);

    [Fact]
    public void A_file_over_2_gb_is_refused_by_its_size_before_a_byte_is_read()
    {
        Export(("hat/a.jpg", null));
        using (var huge = new FileStream(Path.Combine(Folder, "hat", "a.jpg"), FileMode.Create))
            huge.SetLength(2L * 1024 * 1024 * 1024 + 1); // sparse: no disk used

        // Before: accepted here, then File.ReadAllBytes crashed training on it.
        var refused = Assert.Throws<InvalidDataException>(() => CorrectionsFolder.Read(new DirectoryInfo(Folder), Labels));
        Assert.Contains("over the", refused.Message);
    }

    [Fact]
    public void A_manifest_row_that_climbs_out_of_the_folder_is_refused()
    {
        File.WriteAllBytes(Path.Combine(work.FullName, "outside.jpg"), Photo(0));
        Export(("../outside.jpg", null));

        var refused = Assert.Throws<InvalidDataException>(() => CorrectionsFolder.Read(new DirectoryInfo(Folder), Labels));
        Assert.Contains("outside", refused.Message);
    }

    private static byte[] Photo(int index) => File.ReadAllBytes(RepoPaths.SamplePhoto(index));

    /// <summary>Writes manifest.csv for <paramref name="files"/> (label = first folder), and each file that has bytes.</summary>
    private void Export(params (string File, byte[]? Bytes)[] files)
    {
        Directory.CreateDirectory(Folder);
        var manifest = "image_id,file,source,model_label,reviewed_label,corrected,reviewer,reviewed_at,model_version\n";
        foreach (var (file, bytes) in files)
        {
            var label = file.StartsWith("../", StringComparison.Ordinal) ? "hat" : file.Split('/')[0];
            manifest += $"0000,{file},original,{label},{label},no,jane,2025-03-04T05:06:07.000Z,v1\n";
            if (file.StartsWith("../", StringComparison.Ordinal))
                continue;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(Folder, file))!);
            if (bytes is not null)
                File.WriteAllBytes(Path.Combine(Folder, file), bytes);
        }
        File.WriteAllText(Path.Combine(Folder, CorrectionsFolder.ManifestFile), manifest);
    }

    public void Dispose() => work.Delete(recursive: true);
}
