using System.Security.Cryptography;
using System.Text;

namespace Returns.Training;

/// <summary>Keeps extracted features between training runs; the key covers backbone, preprocessing and file list.</summary>
public sealed class FeatureCache(string directory)
{
    public FeatureExtractor.Features GetOrCreate(string key, Func<FeatureExtractor.Features> create)
    {
        var path = Path.Combine(directory, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16] + ".bin");
        if (File.Exists(path))
            return Read(path);
        var features = create();
        Directory.CreateDirectory(directory);
        Write(path + ".tmp", features);
        File.Move(path + ".tmp", path, overwrite: true);
        return features;
    }

    private static void Write(string path, FeatureExtractor.Features features)
    {
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write(features.Vectors.Length);
        writer.Write(features.Vectors[0].Length);
        for (var i = 0; i < features.Vectors.Length; i++)
        {
            writer.Write(features.Labels[i]);
            foreach (var value in features.Vectors[i])
                writer.Write(value);
        }
    }

    private static FeatureExtractor.Features Read(string path)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        var count = reader.ReadInt32();
        var width = reader.ReadInt32();
        var vectors = new float[count][];
        var labels = new int[count];
        for (var i = 0; i < count; i++)
        {
            labels[i] = reader.ReadInt32();
            vectors[i] = new float[width];
            for (var j = 0; j < width; j++)
                vectors[i][j] = reader.ReadSingle();
        }
        return new FeatureExtractor.Features(vectors, labels);
    }
}
