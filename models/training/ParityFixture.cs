using System.Security.Cryptography;
using System.Text.Json;
using Returns.Classifier.Imaging;
using Returns.Classifier.Inference;

namespace Returns.Training;

/// <summary>
/// Records, for the first test photo of each class, the probabilities that training itself computes
/// (training preprocessing → backbone → in-memory head). A test feeds the same bytes through the serving path
/// and must get the same numbers: proof that serving prepares pixels exactly as training did.
/// </summary>
public static class ParityFixture
{
    public sealed record Entry(string File, string Sha256, string Label, float[] Probabilities);

    public static void Write(string path, IReadOnlyList<LabelledImage> test, IReadOnlyList<string> labels,
        OnnxModelRunner backbone, SoftmaxHead head, ImagePreprocessor preprocessor)
    {
        var tensor = new float[preprocessor.Spec.TensorLength];
        var entries = test.GroupBy(i => i.Label).Select(g => g.First()).Select(image =>
        {
            var bytes = File.ReadAllBytes(image.Path);
            if (!preprocessor.Preprocess(bytes, tensor).Succeeded)
                throw new InvalidDataException($"{image.RelativePath} does not decode");
            var features = backbone.Run(tensor, 1, out _);
            return new Entry(image.RelativePath, Convert.ToHexStringLower(SHA256.HashData(bytes)), labels[image.Label], head.Predict(features));
        }).ToArray();
        File.WriteAllText(path, JsonSerializer.Serialize(entries, ModelRegistry.Json) + "\n");
    }
}
