namespace Returns.Testing;

public static class Inboxes
{
    /// <summary>An inbox of <paramref name="count"/> distinct photos (the sample photos re-encoded at different
    /// qualities), each present <paramref name="copies"/> times under different names.</summary>
    public static string Variants(string directory, int count, int copies = 1)
    {
        Directory.CreateDirectory(directory);
        var sample = Enumerable.Range(0, 30).Select(i => File.ReadAllBytes(RepoPaths.SamplePhoto(i))).ToArray();
        for (var i = 0; i < count; i++)
        {
            var bytes = BadImages.Variant(sample[i % sample.Length], quality: 98 - i / sample.Length);
            for (var copy = 0; copy < copies; copy++)
                File.WriteAllBytes(Path.Combine(directory, $"photo-{i:D4}-{copy}.jpg"), bytes);
        }
        return directory;
    }
}
