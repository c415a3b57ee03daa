using Returns.Contracts;
using Returns.ServiceDefaults;
using Returns.ServiceDefaults.ClaimCheck;

namespace Returns.Results.Consumers;

/// <summary>What upstream systems and ingest say about returns must be well-formed: short printable ids, at most
/// <see cref="MaxLines"/> lines with distinct ids. Anything else is refused (to the _error queue), never stored.</summary>
public static class ReturnValidation
{
    public const int MaxLines = 500;

    public static void Check(ReturnRegistered m)
    {
        Require(IsId(m.ReturnId), "the return id is missing, too long or not printable");
        Require(IsId(m.OrderId), "the order id is missing, too long or not printable");
        Require(m.Lines is { Count: > 0 and <= MaxLines }, $"a return has 1 to {MaxLines} lines");
        Require(m.Lines.All(l => l is not null && IsId(l.LineId) && IsText(l.Sku) && IsText(l.DeclaredCategory)),
            "a line needs a line id, a SKU and a declared category (short printable text)");
        Require(m.Lines.Select(l => l.LineId).Distinct().Count() == m.Lines.Count, "two lines share a line id");
    }

    public static void Check(PhotoAttached m)
    {
        Require(ClaimCheckAddress.IsId(m.ImageId), "the image id is not a SHA-256");
        Require(IsId(m.ReturnId) && IsId(m.LineId), "the return id or line id is missing, too long or not printable");
        Require(m.SourceName is { Length: > 0 and <= 1000 }, "the source name is missing or too long");
    }

    public static bool IsId(string? id) => id is { Length: > 0 and <= 200 } && !string.IsNullOrWhiteSpace(id) && !id.Any(char.IsControl);

    private static bool IsText(string? text) => text is { Length: <= 200 } && !text.Any(char.IsControl);

    private static void Require(bool condition, string problem)
    {
        if (!condition)
            throw new InvalidMessageException(problem);
    }
}
