namespace Returns.Results.Storage;

/// <summary>Which stored outcomes to return: completed in [From, To), optionally by model, run, return, status, label,
/// confidence and whether a person has reviewed them; Skip and Limit page through them in Order.</summary>
public sealed record ResultQuery
{
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public string? ModelVersion { get; init; }
    public string? RunId { get; init; }
    public string? ReturnId { get; init; }
    public string? Status { get; init; }
    public string? Label { get; init; }
    public double? MinConfidence { get; init; }
    public double? MaxConfidence { get; init; }
    /// <summary>true: only outcomes with a stored review; false: only those without; null: both.</summary>
    public bool? Reviewed { get; init; }
    public ResultOrder Order { get; init; } = ResultOrder.Oldest;
    public int Skip { get; init; }
    public int Limit { get; init; } = 10_000;
}

public enum ResultOrder
{
    /// <summary>completed_at, then image id, then model version: stable for reports.</summary>
    Oldest,
    /// <summary>completed_at descending, then image id: the console's results table.</summary>
    Newest,
    /// <summary>confidence ascending (no confidence last), then completed_at: the review queue.</summary>
    LeastConfident,
}
