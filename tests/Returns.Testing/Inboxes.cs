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

    /// <summary>An inbox of <paramref name="count"/> distinct photos: the dataset's photos (train and test; the sample
    /// photos if the dataset is absent) in turn, each copy made unique by its number written after the JPEG end marker,
    /// where decoders never look. Returns the folder and its size in bytes.</summary>
    public static (string Directory, long Bytes) Unique(string directory, int count)
    {
        Directory.CreateDirectory(directory);
        var sources = Directory.Exists(RepoPaths.Dataset)
            ? Directory.GetFiles(RepoPaths.Dataset, "*.jpg", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray()
            : Enumerable.Range(0, 30).Select(RepoPaths.SamplePhoto).ToArray();
        long bytes = 0;
        for (var i = 0; i < count; i++)
        {
            var photo = File.ReadAllBytes(sources[i % sources.Length]);
            var unique = new byte[photo.Length + sizeof(int)];
            photo.CopyTo(unique, 0);
            BitConverter.TryWriteBytes(unique.AsSpan(photo.Length), i);
            File.WriteAllBytes(Path.Combine(directory, $"photo-{i:D5}.jpg"), unique);
            bytes += unique.Length;
        }
        return (directory, bytes);
    }
}
