using Microsoft.Extensions.Options;
using Returns.Results;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Returns.Models;
using Returns.Results.Reports;
using Returns.Results.Shadow;
using Returns.Results.Storage;

namespace Returns.Staff.Pages;

public sealed class ModelPageModel(IResultStore store, ModelCatalog models, ModelComparer comparer, IOptions<ResultsOptions> options) : PageModel
{
    public string? Version { get; private set; }
    public double Threshold { get; private set; }
    public double? TargetAccuracy { get; private set; }
    /// <summary>Results:LowConfidenceThreshold replaces the threshold training chose.</summary>
    public bool ThresholdSetByOperator => options.Value.LowConfidenceThreshold is not null;
    public IReadOnlyList<string> Labels { get; private set; } = [];
    public ReviewAgreement? Agreement { get; private set; }
    public IReadOnlyList<RegisteredVersion> Versions { get; private set; } = [];
    public IReadOnlyList<RegistryEvent> History { get; private set; } = [];
    /// <summary>The candidate in shadow against production, when one runs.</summary>
    public ModelComparison? Shadow { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if ((Version = models.Production) is null)
            return;
        Threshold = models.ReviewThreshold(Version);
        TargetAccuracy = models.Facts(Version)?.TargetAccuracy;
        Labels = models.Labels(Version);
        Versions = models.Registry.List();
        var state = models.Registry.Read();
        History = state.History.Reverse().ToArray();
        if (state.Shadow is { } candidate)
            Shadow = await comparer.CompareAsync(candidate, Version, cancellationToken);
        Agreement = await store.TallyAgreementAsync(new ReviewQuery { ModelVersion = Version }, cancellationToken);
    }
}
