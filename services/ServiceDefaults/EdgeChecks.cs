using System.Globalization;
using System.Text;

namespace Returns.ServiceDefaults;

/// <summary>
/// The one place that says what an id and a timestamp from outside may be: an upstream system, another service, an
/// HTTP caller. Each check gives a reason, so a refusal says why; a refused message goes to its _error queue (an HTTP
/// request gets a 400), never to a store.
/// </summary>
public static class EdgeChecks
{
    public const int MaxIdLength = 200;

    /// <summary>Nothing Returns handles happened before this.</summary>
    public static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Clocks drift, time zones get mixed up; a day ahead is tolerated, more is a broken or hostile sender.</summary>
    public static readonly TimeSpan MaxAhead = TimeSpan.FromDays(1);

    /// <summary>Why <paramref name="id"/> is not an id (1 to 200 printable characters, not only spaces), or null.</summary>
    public static string? IdProblem(string field, string? id) =>
        id is null or { Length: 0 } || string.IsNullOrWhiteSpace(id) ? $"the {field} is missing"
        : id.Length > MaxIdLength ? $"the {field} is longer than {MaxIdLength} characters"
        : TextProblem(field, id);

    /// <summary>Why an optional id is not one, or null (also when it is absent).</summary>
    public static string? OptionalIdProblem(string field, string? id) => id is null ? null : IdProblem(field, id);

    /// <summary>Why <paramref name="text"/> is not printable, or null: control characters (U+0000–U+001F, U+007F–U+009F),
    /// format characters (bidi overrides such as U+202E, zero-width characters), line or paragraph separators, and
    /// unpaired surrogates are refused.</summary>
    public static string? TextProblem(string field, string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var length) != System.Buffers.OperationStatus.Done)
                return $"the {field} holds an unpaired surrogate at {i}";
            if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator)
                return $"the {field} holds the control or format character U+{rune.Value:X4} at {i}";
            i += length - 1;
        }
        return null;
    }

    /// <summary>Why <paramref name="at"/> is not a plausible time (from 2000 to a day after now), or null.</summary>
    public static string? TimeProblem(string field, DateTimeOffset at, TimeProvider clock) =>
        at < Earliest ? $"the {field} time {at:O} is before {Earliest:yyyy}"
        : at > clock.GetUtcNow() + MaxAhead ? $"the {field} time {at:O} is more than {MaxAhead.TotalHours:F0} hours in the future"
        : null;

    public static string? OptionalTimeProblem(string field, DateTimeOffset? at, TimeProvider clock) =>
        at is { } time ? TimeProblem(field, time, clock) : null;

    /// <summary>Refuses the message (to its _error queue, or a 400) with the problem, if there is one.</summary>
    public static void Refuse(string? problem)
    {
        if (problem is not null)
            throw new InvalidMessageException(problem);
    }

    public static void Require(bool condition, string problem)
    {
        if (!condition)
            throw new InvalidMessageException(problem);
    }
}
