using Returns.Results.Reports;

namespace Returns.Results.Storage;

/// <summary>The reports' side of the results store: what a period report and the console's runs list count, counted
/// where the outcomes are (GROUP BY in SQLite, the aggregation pipeline in MongoDB), and the rows a report lists,
/// streamed. Nothing here loads every outcome. Implemented by the same adapters as <see cref="IResultStore"/>.</summary>
public interface IReportStore
{
    /// <summary>Each model version that completed work in [from, to): how many outcomes, and its latest. Refusals by
    /// ingest (no version) are left out.</summary>
    Task<IReadOnlyList<VersionTally>> TallyVersionsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>The period's rows, one per image, as the report reads them (see <see cref="ReportScope"/>); dispose to
    /// let the store drop what it prepared.</summary>
    Task<IReportRows> OpenReportRowsAsync(ReportScope scope, CancellationToken cancellationToken);

    /// <summary>The runs with outcomes completed since <see cref="RunTallyQuery.From"/>, latest first.</summary>
    Task<IReadOnlyList<RunTally>> TallyRunsAsync(RunTallyQuery query, CancellationToken cancellationToken);
}

/// <summary>One row per image completed in [From, To): its outcome by ModelVersion, else its latest by another version,
/// else its refusal by ingest; every file name it came under in the period; its latest review (at any time). A row
/// needs a person by <see cref="NeedsPerson"/> under ReviewThreshold.</summary>
public sealed record ReportScope(DateTimeOffset From, DateTimeOffset To, string ModelVersion, double ReviewThreshold);

public interface IReportRows : IAsyncDisposable
{
    Task<ReportFigures> AggregateAsync(CancellationToken cancellationToken);

    /// <summary>How many rows the lists that a page shows only the start of have, counted where they are.</summary>
    Task<ListTotals> CountListsAsync(CancellationToken cancellationToken);

    /// <summary>The rows of one of the report's lists, in that list's order; only the first <paramref name="limit"/>.</summary>
    IAsyncEnumerable<ReportRow> ReadAsync(ReportList list, CancellationToken cancellationToken, int limit = int.MaxValue);
}

public enum ReportList
{
    /// <summary>Every row, by its first file name (then by when the image was first completed, then image id).</summary>
    All,
    /// <summary>Classified, unreviewed, under the threshold: least confident first, then image id.</summary>
    LowConfidence,
    /// <summary>Rows with a review, in the order of All.</summary>
    Reviewed,
    /// <summary>Photos that need a retake, by reason, then in the order of All.</summary>
    NeedsRetake,
    /// <summary>Rejected inputs, by reason, then in the order of All.</summary>
    Rejected,
}

public sealed record VersionTally(string ModelVersion, string ModelName, string ModelSha256, int Outcomes, DateTimeOffset Latest);

/// <param name="Thresholds">Each known model version's review threshold; any other version's is DefaultThreshold.</param>
public sealed record RunTallyQuery(DateTimeOffset From, IReadOnlyDictionary<string, double> Thresholds, double DefaultThreshold, int Limit);

/// <summary>A run's outcomes: Images counts distinct images, the rest count outcomes (an image classified by two
/// versions counts twice). NeedPerson by <see cref="NeedsPerson"/> under each outcome's version's threshold.</summary>
public sealed record RunTally(string RunId, DateTimeOffset Last, int Images, int Classified, int NeedsRetake, int Rejected, int NeedPerson,
    int Reviewed);
