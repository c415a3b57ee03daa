namespace Returns.Models;

/// <summary>How pixels become the model's input tensor; written into the model card at training time.</summary>
public sealed record ModelInputSpec
{
    public string Name { get; init; } = "input";
    public int Width { get; init; } = 224;
    public int Height { get; init; } = 224;
    /// <summary>"squash" resizes the whole photo to Width×Height; "center-crop" resizes the short side to
    /// <see cref="ResizeShortSide"/> and keeps the centre.</summary>
    public string Resize { get; init; } = ResizeModes.Squash;
    public int ResizeShortSide { get; init; } = 256;
    public float[] Mean { get; init; } = [0.485f, 0.456f, 0.406f];
    public float[] Std { get; init; } = [0.229f, 0.224f, 0.225f];

    public int TensorLength => 3 * Width * Height;
}

public static class ResizeModes
{
    public const string Squash = "squash";
    public const string CenterCrop = "center-crop";
}
