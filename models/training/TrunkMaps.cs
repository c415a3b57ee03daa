using Returns.Inference.Imaging;
using Returns.Inference;
using Returns.Models;
using Spectre.Console;

namespace Returns.Training;

/// <summary>
/// Runs the serving preprocessor and the frozen int8 trunk over a split and writes the feature maps as a float16
/// .npy file: the fine-tuning step trains the remaining blocks on exactly what serving will feed them.
/// </summary>
public sealed class TrunkMaps(OnnxModelRunner trunk, ImagePreprocessor preprocessor, int batchSize = 16)
{
    /// <summary>Writes <c>images × views</c> maps, view after view for each image in order.</summary>
    public void Write(string path, IReadOnlyList<LabelledImage> images, Func<int, PhotoView[]> viewsOf, int viewsPerImage, string title)
    {
        var sample = preprocessor.Spec.TensorLength;
        var batch = new float[batchSize * viewsPerImage * sample];
        NpyWriter? writer = null;
        AnsiConsole.Progress().Start(progress =>
        {
            var task = progress.AddTask(title, maxValue: images.Count);
            var offset = 0;
            foreach (var chunk in images.Chunk(batchSize))
            {
                for (var i = 0; i < chunk.Length; i++)
                {
                    var views = viewsOf(offset + i);
                    var decoded = preprocessor.Preprocess(File.ReadAllBytes(chunk[i].Path), views,
                        batch.AsSpan(i * viewsPerImage * sample, viewsPerImage * sample));
                    if (!decoded.Succeeded)
                        throw new InvalidDataException($"{chunk[i].RelativePath}: {decoded.Detail}");
                }
                var count = chunk.Length * viewsPerImage;
                var output = trunk.Run(batch, count, out _, out var shape);
                writer ??= new NpyWriter(path, [images.Count * viewsPerImage, .. shape[1..]]);
                writer.Append(output.AsSpan(0, output.Length));
                offset += chunk.Length;
                task.Increment(chunk.Length);
            }
        });
        writer?.Dispose();
    }
}
