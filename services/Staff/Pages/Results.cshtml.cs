using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Returns.Results.Storage;

namespace Returns.Staff.Pages;

/// <summary>Every stored outcome, filtered and paged by the store (never loaded whole).</summary>
public sealed class ResultsModel(IResultStore store, ModelCatalog models) : PageModel
{
    public const int PageSize = 50;
    public static readonly string[] Statuses = [OutcomeStatus.Classified, OutcomeStatus.NeedsRetake, OutcomeStatus.Rejected];
    public static readonly (string Value, string Text)[] Bands = [("", "any"), ("low", "low (under threshold)"), ("high", "at or over threshold")];

    [BindProperty(SupportsGet = true)] public string? Run { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Label { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Band { get; set; }
    [BindProperty(SupportsGet = true, Name = "model")] public string? ModelVersion { get; set; }
    [BindProperty(SupportsGet = true)] public bool? Reviewed { get; set; }
    /// <summary>Read from ?page= by hand: Razor Pages keeps the route value "page" for the page's own name ("/Results"),
    /// and model binding would take that (not a number) and leave every request on page 1.</summary>
    public int PageNumber { get; private set; } = 1;

    public sealed record Row(StoredOutcome Outcome, StoredReview? Review);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => (Total + PageSize - 1) / PageSize;
    public int First => (PageNumber - 1) * PageSize + 1;
    public int Last => First + Rows.Count - 1;
    public IReadOnlyList<string> Labels { get; private set; } = [];
    public IReadOnlyList<string> ModelVersions { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var production = models.Production;
        ModelVersions = production is null ? [] : [production];
        Labels = production is null ? [] : models.Labels(production);
        PageNumber = int.TryParse(Request.Query["page"], out var asked) ? Math.Max(1, asked) : 1;
        if (From is { } f && To is { } t && f >= t)
        {
            Error = "From must be before To.";
            return;
        }
        var threshold = models.ReviewThreshold(ModelVersion ?? production ?? "");
        var query = new ResultQuery
        {
            From = From?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), To = To?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            RunId = Empty(Run), Label = Empty(Label), Status = Empty(Status), ModelVersion = Empty(ModelVersion), Reviewed = Reviewed,
            MinConfidence = Band == "high" ? threshold : null,
            MaxConfidence = Band == "low" ? Math.BitDecrement(threshold) : null,
            Order = ResultOrder.Newest, Limit = PageSize,
        };
        Total = await store.CountAsync(query, cancellationToken);
        PageNumber = Math.Min(PageNumber, Math.Max(1, Pages)); // past the last page: show the last, not an empty table
        var outcomes = await store.QueryAsync(query with { Skip = (PageNumber - 1) * PageSize }, cancellationToken);
        var reviews = (await store.FindReviewsAsync(outcomes.Select(o => o.ImageId).ToArray(), cancellationToken))
            .ToDictionary(r => r.ImageId, StringComparer.Ordinal);
        Rows = outcomes.Select(o => new Row(o, reviews.GetValueOrDefault(o.ImageId))).ToArray();
    }

    public string PageLink(int page)
    {
        var query = new QueryBuilder(Request.Query.Where(q => q.Key != "page").SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v ?? ""))))
        {
            { "page", page.ToString() },
        };
        return "/results" + query.ToQueryString();
    }

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
