using Microsoft.AspNetCore.Mvc.RazorPages;
using Returns.Results.Storage;

namespace Returns.Staff.Pages;

public sealed class ModelPageModel(IResultStore store, ModelCatalog models) : PageModel
{
    public sealed record AgreementRow(string Label, int Reviewed, int Agreed, string CorrectedTo)
    {
        public double Rate => Reviewed == 0 ? 0 : (double)Agreed / Reviewed;
    }

    public string? Version { get; private set; }
    public double Threshold { get; private set; }
    public double? TargetAccuracy { get; private set; }
    public IReadOnlyList<string> Labels { get; private set; } = [];
    public IReadOnlyList<AgreementRow> Agreement { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if ((Version = models.Production) is null)
            return;
        Threshold = models.ReviewThreshold(Version);
        TargetAccuracy = models.Facts(Version)?.TargetAccuracy;
        Labels = models.Labels(Version);
        var latest = (await store.QueryReviewsAsync(new ReviewQuery { ModelVersion = Version }, cancellationToken))
            .GroupBy(r => r.ImageId)
            .Select(g => g.MaxBy(r => (r.ReviewedAt, r.ReviewId))!);
        Agreement = latest.GroupBy(r => r.PreviousLabel ?? "—")
            .Select(g => new AgreementRow(g.Key, g.Count(), g.Count(r => !r.Corrected),
                string.Join(", ", g.Where(r => r.Corrected).GroupBy(r => r.ReviewedLabel).OrderByDescending(c => c.Count()).Select(c => $"{c.Key} ×{c.Count()}"))))
            .OrderBy(r => r.Rate)
            .ToArray();
    }
}
