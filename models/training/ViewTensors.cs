using Returns.Inference.Imaging;
using Spectre.Console;

namespace Returns.Training;

/// <summary>
/// Runs the serving preprocessor over photos and writes its input tensors as a .npy file: fine-tuning trains on exactly
/// what serving will feed the model, and view 0 of each photo is that input itself.
/// </summary>
public sealed class ViewTensors(ImagePreprocessor preprocessor)
{
    /// <summary>Writes <c>images × views</c> tensors, view after view for each image in order.</summary>
    public void Write(string path, IReadOnlyList<LabelledImage> images, Func<int, PhotoView[]> viewsOf, int viewsPerImage, string title,
        NpyType type)
    {
        var sample = preprocessor.Spec.TensorLength;
        var tensors = new float[viewsPerImage * sample];
        using var writer = new NpyWriter(path, [images.Count * viewsPerImage, 3, preprocessor.Spec.Height, preprocessor.Spec.Width], type);
        AnsiConsole.Progress().Start(progress =>
        {
            var task = progress.AddTask(title, maxValue: images.Count);
            for (var i = 0; i < images.Count; i++)
            {
                var decoded = preprocessor.Preprocess(File.ReadAllBytes(images[i].Path), viewsOf(i), tensors);
                if (!decoded.Succeeded)
                    throw new InvalidDataException($"{images[i].RelativePath}: {decoded.Detail}");
                writer.Append(tensors);
                task.Increment(1);
            }
        });
    }
}
