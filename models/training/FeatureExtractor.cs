using Returns.Classifier.Imaging;
using Returns.Classifier.Inference;
using Spectre.Console;

namespace Returns.Training;

/// <summary>Runs the shared preprocessor and the backbone over a split; optionally adds a mirrored copy of each photo.</summary>
public sealed class FeatureExtractor(OnnxModelRunner backbone, ImagePreprocessor preprocessor, int batchSize = 32)
{
    public sealed record Features(float[][] Vectors, int[] Labels);

    public Features Extract(IReadOnlyList<LabelledImage> images, bool withMirrored, string title)
    {
        var spec = preprocessor.Spec;
        var sample = spec.TensorLength;
        var perImage = withMirrored ? 2 : 1;
        var vectors = new List<float[]>(images.Count * perImage);
        var labels = new List<int>(images.Count * perImage);
        var batch = new float[batchSize * perImage * sample];

        AnsiConsole.Progress().Start(progress =>
        {
            var task = progress.AddTask(title, maxValue: images.Count);
            foreach (var chunk in images.Chunk(batchSize))
            {
                var count = 0;
                foreach (var image in chunk)
                {
                    var slot = batch.AsSpan(count * sample, sample);
                    var decoded = preprocessor.Preprocess(File.ReadAllBytes(image.Path), slot);
                    if (!decoded.Succeeded)
                        throw new InvalidDataException($"{image.RelativePath}: {decoded.Detail}");
                    labels.Add(image.Label);
                    count++;
                    if (withMirrored)
                    {
                        Mirror(slot, batch.AsSpan(count * sample, sample), spec.Width, spec.Height);
                        labels.Add(image.Label);
                        count++;
                    }
                }
                var output = backbone.Run(batch, count, out var width);
                for (var i = 0; i < count; i++)
                    vectors.Add(output.AsSpan(i * width, width).ToArray());
                task.Increment(chunk.Length);
            }
        });
        return new Features(vectors.ToArray(), labels.ToArray());
    }

    private static void Mirror(ReadOnlySpan<float> source, Span<float> target, int width, int height)
    {
        for (var row = 0; row < 3 * height; row++)
        {
            var from = source.Slice(row * width, width);
            var to = target.Slice(row * width, width);
            for (var x = 0; x < width; x++)
                to[x] = from[width - 1 - x];
        }
    }
}
