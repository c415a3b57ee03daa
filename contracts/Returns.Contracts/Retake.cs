namespace Returns.Contracts;

/// <summary>Why a photo must be taken again before its label can be trusted; the model's guess still travels with it.</summary>
/// <param name="Reason">A stable code from <see cref="RetakeReasons"/>.</param>
/// <param name="Detail">What was measured against which limit, for staff ("mean brightness 9.3/255, below 35").</param>
public sealed record Retake(string Reason, string Detail);

public static class RetakeReasons
{
    public const string TooDark = "too_dark";
    public const string Overexposed = "overexposed";
    public const string Blank = "blank";
    public const string Blurred = "blurred";
}
