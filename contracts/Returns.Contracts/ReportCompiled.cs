using MassTransit;

namespace Returns.Contracts;

/// <summary>A report for a period is ready: where its files are, and the headline counts.</summary>
[MessageUrn("returns:report-compiled:v1")]
public sealed record ReportCompiled
{
    public required DateTimeOffset From { get; init; }
    public required DateTimeOffset To { get; init; }
    public required string ModelVersion { get; init; }
    /// <summary>The report folder's name, relative to the results service's reports folder (never a server path).</summary>
    public required string Location { get; init; }
    public required int Images { get; init; }
    public required int Classified { get; init; }
    /// <summary>Photos the model saw but that must be taken again (added in v1 as optional: older senders leave 0).</summary>
    public int NeedsRetake { get; init; }
    public required int Rejected { get; init; }
    public required int NeedReview { get; init; }
    public required bool DriftFlagged { get; init; }
    public required DateTimeOffset CompiledAt { get; init; }
}
