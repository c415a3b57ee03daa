using MassTransit;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Returns.Results.Lines;
using Returns.ServiceDefaults.Http;
using Returns.Results.Reports;
using Returns.Results.Storage;

namespace Returns.Staff.Pages;

/// <summary>Returns and their lines with the current verdicts, mismatches first (the order and counts of the report).
/// The counts cover every line found; the verdict filter only narrows the list below them.</summary>
public sealed class ReturnsModel(IReturnLineStore lines, IPublishEndpoint publisher) : PageModel
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
    public IReadOnlyList<string> ImportProblems { get; private set; } = [];

    /// <summary>Admins only (the page shows the form to admins; the handler checks the scope): registers the returns of a
    /// JSON or CSV file through the same ReturnRegistered consumer as upstream systems use, so verdicts follow.</summary>
    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (!User.HasClaim(Scopes.ClaimType, Scopes.Admin))
            return Forbid();
        if (file is null || file.Length == 0 || file.Length > ReturnFile.MaxBytes)
            ImportProblems = [file is null || file.Length == 0 ? "Choose a JSON or CSV file of returns first." : $"The file is over {ReturnFile.MaxBytes / 1024 / 1024} MB."];
        else
        {
            using var reader = new StreamReader(file.OpenReadStream());
            var contents = ReturnFile.Read(await reader.ReadToEndAsync(cancellationToken), TimeProvider.System);
            ImportProblems = contents.Problems.Count > 0 ? contents.Problems : contents.Returns.Count == 0 ? ["The file lists no returns."] : [];
            if (ImportProblems.Count == 0)
            {
                foreach (var registered in contents.Returns)
                    await publisher.Publish(registered, cancellationToken);
                TempData["imported"] = $"{contents.Returns.Count} returns with {contents.Lines} lines registered from {file.FileName}. "
                    + "Each line gets its verdict once its photos are classified (or when its deadline passes).";
                return RedirectToPage();
            }
        }
        await OnGetAsync(cancellationToken);
        return Page();
    }

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
