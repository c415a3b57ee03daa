using System.Text.Json.Serialization;
using Returns.Contracts;

namespace Returns.Results.Reports;

/// <summary>The report's per-return view: every return with its lines and their current verdicts, the returns with a
/// mismatch first. Nothing is dropped: a line whose declaration maps to no model label is listed, and its category is
/// counted under <see cref="Unmapped"/>.</summary>
public sealed record ReturnLinesSection
{
    public static readonly ReturnLinesSection Empty = Of([]);

    public required LineCounts Counts { get; init; }
    /// <summary>Declared categories that map to no model label (by category, most lines first).</summary>
    public required IReadOnlyList<UnmappedCategory> Unmapped { get; init; }
    /// <summary>In lines.csv and on the page; left out of summary.json, which keeps counts only.</summary>
    [JsonIgnore]
    public IReadOnlyList<ReturnWithLines> Returns { get; init; } = [];

    public static ReturnLinesSection Of(IReadOnlyList<ReturnLineAssessed> verdicts)
    {
        var returns = verdicts
            .GroupBy(v => v.ReturnId)
            .Select(g => new ReturnWithLines(g.Key, g.First().OrderId,
                g.OrderBy(v => LineVerdictOrder.Rank(v.Verdict)).ThenBy(v => v.LineId, StringComparer.Ordinal).ToArray()))
            .OrderBy(r => LineVerdictOrder.Rank(r.Lines[0].Verdict)).ThenBy(r => r.ReturnId, StringComparer.Ordinal)
            .ToArray();
        int Count(string verdict) => verdicts.Count(v => v.Verdict == verdict);
        return new ReturnLinesSection
        {
            Counts = new LineCounts(returns.Length, verdicts.Count, Count(LineVerdicts.Mismatch), Count(LineVerdicts.Inconclusive),
                Count(LineVerdicts.Matches), Count(LineVerdicts.Incomplete)),
            Unmapped = verdicts
                .Where(v => v.DeclaredLabels.Count == 0)
                .GroupBy(v => v.DeclaredCategory, StringComparer.Ordinal)
                .Select(g => new UnmappedCategory(g.Key, g.Count()))
                .OrderByDescending(u => u.Lines).ThenBy(u => u.Category, StringComparer.Ordinal)
                .ToArray(),
            Returns = returns,
        };
    }
}

/// <summary>Reconciliation: Lines = Mismatches + Inconclusive + Matches + Incomplete.</summary>
public sealed record LineCounts(int Returns, int Lines, int Mismatches, int Inconclusive, int Matches, int Incomplete)
{
    public bool Reconciles => Lines == Mismatches + Inconclusive + Matches + Incomplete;
}

public sealed record UnmappedCategory(string Category, int Lines);

/// <param name="Lines">Mismatches first, then inconclusive, matches and incomplete; by line id within each.</param>
public sealed record ReturnWithLines(string ReturnId, string OrderId, IReadOnlyList<ReturnLineAssessed> Lines);

/// <summary>The order staff work in: what contradicts the declaration, then what nobody could settle, then what fits,
/// then what never got its photos.</summary>
public static class LineVerdictOrder
{
    private static readonly string[] InOrder = [LineVerdicts.Mismatch, LineVerdicts.Inconclusive, LineVerdicts.Matches, LineVerdicts.Incomplete];

    public static IReadOnlyList<string> Verdicts => InOrder;

    public static int Rank(string verdict) => Array.IndexOf(InOrder, verdict) is var rank and >= 0 ? rank : InOrder.Length;
}
