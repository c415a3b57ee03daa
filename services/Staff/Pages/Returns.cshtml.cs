using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Returns.Results.Reports;
using Returns.Results.Storage;

namespace Returns.Staff.Pages;

/// <summary>Returns and their lines with the current verdicts, mismatches first (the order and counts of the report).
/// The counts cover every line found; the verdict filter only narrows the list below them.</summary>
public sealed class ReturnsModel(IReturnLineStore lines) : PageModel
{
    public const int MaxLines = 2_000;

    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "return")] public string? ReturnId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Verdict { get; set; }

    public ReturnLinesSection Section { get; private set; } = ReturnLinesSection.Empty;
    public IReadOnlyList<ReturnWithLines> Shown { get; private set; } = [];
    public bool Truncated { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (From is { } f && To is { } t && f >= t)
        {
            Error = "From must be before To.";
            return;
        }
        var found = await lines.QueryVerdictsAsync(new VerdictQuery
        {
            From = From?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), To = To?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            ReturnId = string.IsNullOrWhiteSpace(ReturnId) ? null : ReturnId.Trim(), Limit = MaxLines + 1,
        }, cancellationToken);
        Truncated = found.Count > MaxLines;
        Section = ReturnLinesSection.Of(found.Take(MaxLines).Select(v => v.Verdict).ToArray());
        Shown = string.IsNullOrEmpty(Verdict)
            ? Section.Returns
            : Section.Returns.Select(r => r with { Lines = r.Lines.Where(l => l.Verdict == Verdict).ToArray() }).Where(r => r.Lines.Count > 0).ToArray();
    }
}
