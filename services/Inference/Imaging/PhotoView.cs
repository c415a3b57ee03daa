using SkiaSharp;

namespace Returns.Inference.Imaging;

/// <summary>Which part of the photo becomes the model input, as fractions of the resized source; serving always
/// uses <see cref="Whole"/>, training adds crops and mirror images of the same photo.</summary>
public readonly record struct PhotoView(float Left, float Top, float Width, float Height, bool Mirror)
{
    public static readonly PhotoView Whole = new(0, 0, 1, 1, false);

    public SKRect Within(SKRect source) => new(
        source.Left + Left * source.Width,
        source.Top + Top * source.Height,
        source.Left + (Left + Width) * source.Width,
        source.Top + (Top + Height) * source.Height);
}
