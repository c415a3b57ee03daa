using System.Globalization;

namespace Returns.Results;

/// <summary>The one way a confidence (or a threshold, or an expected accuracy) is shown to people: a percentage with one
/// decimal, "91.9 %", in the console, the reports and the command line alike. CSV and JSON keep the raw number.</summary>
public static class Confidence
{
    public static string Format(double? value) =>
        value is { } v ? (Math.Round(v * 100, 1, MidpointRounding.AwayFromZero)).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "";
}
