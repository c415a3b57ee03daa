namespace Returns.Results.Storage;

/// <summary>Which stored outcomes to return: completed in [From, To), optionally by model, run, status, label and confidence.</summary>
public sealed record ResultQuery
{
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public string? ModelVersion { get; init; }
    public string? RunId { get; init; }
    public string? Status { get; init; }
    public string? Label { get; init; }
    public double? MinConfidence { get; init; }
    public double? MaxConfidence { get; init; }
    public int Limit { get; init; } = 10_000;
}
