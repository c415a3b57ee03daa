using Microsoft.AspNetCore.Mvc;
using Returns.Results.Storage;

namespace Returns.Results.Apis;

/// <summary>The query string of GET /api/results: which outcomes, in which order, and which page of them (named in
/// camelCase, like every other query parameter of the API).</summary>
/// <param name="Reviewed">true: only images a person reviewed; false: only those nobody has.</param>
/// <param name="Order">oldest (default), newest or leastConfident.</param>
public sealed record ResultsPageRequest(
    [FromQuery(Name = "from")] DateTimeOffset? From = null,
    [FromQuery(Name = "to")] DateTimeOffset? To = null,
    [FromQuery(Name = "runId")] string? RunId = null,
    [FromQuery(Name = "returnId")] string? ReturnId = null,
    [FromQuery(Name = "modelVersion")] string? ModelVersion = null,
    [FromQuery(Name = "status")] string? Status = null,
    [FromQuery(Name = "label")] string? Label = null,
    [FromQuery(Name = "minConfidence")] double? MinConfidence = null,
    [FromQuery(Name = "maxConfidence")] double? MaxConfidence = null,
    [FromQuery(Name = "reviewed")] bool? Reviewed = null,
    [FromQuery(Name = "order")] string? Order = null,
    [FromQuery(Name = "skip")] int Skip = 0,
    [FromQuery(Name = "limit")] int Limit = ResultsPageRequest.DefaultLimit)
{
    public const int DefaultLimit = 1000;
    public const int MaxLimit = 10_000;

    /// <summary>What is wrong with the request, by parameter; empty when it is fine.</summary>
    public Dictionary<string, string[]> Problems()
    {
        var problems = new Dictionary<string, string[]>();
        if (Limit is < 1 or > MaxLimit)
            problems["limit"] = [$"limit must be between 1 and {MaxLimit}"];
        if (Skip < 0)
            problems["skip"] = ["skip must not be negative"];
        if (Order is not null && ParseOrder(Order) is null)
            problems["order"] = [$"order must be one of {string.Join(", ", Enum.GetNames<ResultOrder>().Select(Camel))}"];
        if (From >= To)
            problems["to"] = ["to must be after from"];
        // NaN compares false with everything, so a range check alone lets it through (and the store then fails on it).
        if (!IsProbability(MinConfidence))
            problems["minConfidence"] = ["minConfidence must be a number in [0, 1]"];
        if (!IsProbability(MaxConfidence))
            problems["maxConfidence"] = ["maxConfidence must be a number in [0, 1]"];
        if (MinConfidence > MaxConfidence)
            problems["minConfidence"] = ["minConfidence and maxConfidence must lie in [0, 1], the minimum first"];
        return problems;
    }

    private static bool IsProbability(double? value) => value is not { } v || v is >= 0 and <= 1;

    public ResultQuery ToQuery() => new()
    {
        From = From, To = To, RunId = RunId, ReturnId = ReturnId, ModelVersion = ModelVersion, Status = Status, Label = Label,
        MinConfidence = MinConfidence, MaxConfidence = MaxConfidence, Reviewed = Reviewed,
        Order = Order is null ? ResultOrder.Oldest : ParseOrder(Order)!.Value, Skip = Skip, Limit = Limit,
    };

    /// <summary>By name only ("leastConfident", "least-confident", any case): Enum.TryParse would also take "7".</summary>
    private static ResultOrder? ParseOrder(string order)
    {
        var name = order.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        return Enum.GetValues<ResultOrder>().Where(o => o.ToString().Equals(name, StringComparison.OrdinalIgnoreCase)).Select(o => (ResultOrder?)o)
            .FirstOrDefault();
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}

/// <summary>One page of outcomes; Total counts every match, so Skip + Items.Count &lt; Total means there is more.</summary>
public sealed record ResultsPage(IReadOnlyList<StoredOutcome> Items, int Total, int Skip, int Limit);
