using System.Globalization;

namespace Returns.Results.Reports;

/// <summary>A report's period as a manager reads it: "Thu 3 Dec 2026 (UTC)" for one whole day, "3–5 Dec 2026 (UTC)"
/// for whole days, else both times to the minute. Folder names keep their exact, sortable form.</summary>
public static class PeriodLabel
{
    private static readonly CultureInfo English = CultureInfo.InvariantCulture; // English day and month names; the services run without ICU

    public static string Of(DateTimeOffset from, DateTimeOffset to)
    {
        var (start, end) = (from.UtcDateTime, to.UtcDateTime);
        var wholeDays = start.TimeOfDay == TimeSpan.Zero && end.TimeOfDay == TimeSpan.Zero && end > start;
        if (wholeDays && end - start == TimeSpan.FromDays(1))
            return start.ToString("ddd d MMM yyyy", English) + " (UTC)";
        if (wholeDays)
            return $"{start.ToString("d MMM yyyy", English)} – {end.AddDays(-1).ToString("d MMM yyyy", English)} (UTC)";
        return $"{start.ToString("d MMM yyyy HH:mm", English)} – {end.ToString("d MMM yyyy HH:mm", English)} UTC";
    }

    /// <summary>The label of a report folder named by <see cref="ReportCompiler.FolderName"/>; the name itself if it is not one.</summary>
    public static string OfFolder(string folder)
    {
        var parts = folder.Split("--");
        return parts.Length == 2 && Parse(parts[0]) is { } from && Parse(parts[1]) is { } to ? Of(from, to) : folder;
    }

    private static DateTimeOffset? Parse(string stamp) =>
        DateTimeOffset.TryParseExact(stamp, "yyyyMMdd'T'HHmmss'.'fffffff'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time) ? time : null;
}
