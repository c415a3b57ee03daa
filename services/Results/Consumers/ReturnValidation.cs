using Returns.Contracts;
using Returns.ServiceDefaults;
using static Returns.ServiceDefaults.EdgeChecks;
using Returns.Images.ClaimCheck;

namespace Returns.Results.Consumers;

/// <summary>What upstream systems and ingest say about returns must be well-formed: short printable ids (no control or
/// bidi characters), a plausible time, at most <see cref="MaxLines"/> lines with distinct ids. Anything else is refused
/// (to the _error queue, with the reason), never stored.</summary>
public static class ReturnValidation
{
    public const int MaxLines = 500;

    public static void Check(ReturnRegistered m, TimeProvider clock)
    {
        Refuse(EdgeChecks.IdProblem("return id", m.ReturnId));
        Refuse(EdgeChecks.IdProblem("order id", m.OrderId));
        Refuse(EdgeChecks.OptionalTimeProblem("registered at", m.RegisteredAt, clock));
        Require(m.Lines is { Count: > 0 and <= MaxLines }, $"a return has 1 to {MaxLines} lines");
        foreach (var line in m.Lines)
        {
            Require(line is not null, "a line is empty");
            Refuse(EdgeChecks.IdProblem("line id", line!.LineId));
            Refuse(TextProblem("SKU", line.Sku));
            Refuse(TextProblem("declared category", line.DeclaredCategory));
        }
        Require(m.Lines.Select(l => l.LineId).Distinct().Count() == m.Lines.Count, "two lines share a line id");
    }

    public static void Check(PhotoAttached m, TimeProvider clock)
    {
        Require(ImageId.IsWellFormed(m.ImageId), "the image id is not a SHA-256");
        Refuse(EdgeChecks.IdProblem("return id", m.ReturnId));
        Refuse(EdgeChecks.IdProblem("line id", m.LineId));
        Require(m.SourceName is { Length: > 0 and <= 1000 }, "the source name is missing or too long");
        Refuse(EdgeChecks.TimeProblem("attached at", m.AttachedAt, clock));
    }

    public static bool IsId(string? id) => EdgeChecks.IdProblem("id", id) is null;

    private static string? TextProblem(string field, string? text) =>
        text is null ? $"the {field} is missing"
        : text.Length > EdgeChecks.MaxIdLength ? $"the {field} is longer than {EdgeChecks.MaxIdLength} characters"
        : EdgeChecks.TextProblem(field, text);
}
