using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Returns.Results;
using Returns.Results.Reports;
using Returns.Results.Storage;
using Returns.ServiceDefaults.Http;

namespace Returns.Staff.Pages;

public sealed class IndexModel(IReportStore reports, ModelCatalog models, ReviewQueue queue, ReportCompiler compiler, IOptions<ResultsOptions> options,
    TimeProvider clock)
    : PageModel
{
    public const int Days = 30;
    private const int MaxRuns = 100;
    private const int MaxNights = 60;

    public sealed record RunRow(string RunId, DateTimeOffset Last, int Images, int Classified, int NeedsRetake, int Rejected, int NeedPerson, int Reviewed);

    public sealed record NightRow(string Folder, string ModelVersion, int Images, int Classified, int NeedsRetake, int Rejected, int ToReview);

    public IReadOnlyList<RunRow> Runs { get; private set; } = [];
    public IReadOnlyList<NightRow> Nights { get; private set; } = [];
    public int ToReview { get; private set; }
    public DateOnly DefaultFrom => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
    public string? CompileError { get; private set; }

    /// <summary>Admins only (the page checks the role; the handler checks the scope): compile [from, to) now and open it.</summary>
    public async Task<IActionResult> OnPostCompileAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        if (!User.HasClaim(Scopes.ClaimType, Scopes.Admin))
            return Forbid();
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(to.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        if (end > start && await compiler.CompileAsync(start, end, cancellationToken) is { } compiled)
            return Redirect($"/reports/{Uri.EscapeDataString(compiled.Location)}/report.html");
        CompileError = end > start ? "Nothing was stored in that period." : "From must be before To.";
        await OnGetAsync(cancellationToken);
        return Page();
    }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var runs = await reports.TallyRunsAsync(new RunTallyQuery(clock.GetUtcNow().AddDays(-Days), models.ReviewThresholds(),
            models.ReviewThreshold(""), MaxRuns), cancellationToken);
        Runs = runs.Select(r => new RunRow(r.RunId, r.Last, r.Images, r.Classified, r.NeedsRetake, r.Rejected, r.NeedPerson, r.Reviewed)).ToArray();
        Nights = ReadNights();
        var (low, retake) = await queue.CountAsync(cancellationToken);
        ToReview = low + retake;
    }

    private NightRow[] ReadNights()
    {
        var root = new DirectoryInfo(options.Value.ReportsPath);
        if (!root.Exists)
            return [];
        return root.EnumerateDirectories()
            .Where(d => d.LinkTarget is null && System.IO.File.Exists(Path.Combine(d.FullName, ReportWriter.SummaryFile)))
            .OrderByDescending(d => d.Name, StringComparer.Ordinal)
            .Take(MaxNights)
            .Select(d => (d.Name, Summary: ReportWriter.ReadSummary(Path.Combine(d.FullName, ReportWriter.SummaryFile))))
            .Where(n => n.Summary is not null)
            .Select(n => new NightRow(n.Name, n.Summary!.Model.Version, n.Summary.Counts.Images, n.Summary.Counts.Classified,
                n.Summary.Counts.NeedsRetake, n.Summary.Counts.Rejected, n.Summary.NeedPerson))
            .ToArray();
    }
}
