using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Returns.Results.Storage;

/// <summary>A <see cref="ResultQuery"/> as SQL over the outcomes table, shared by the page and its count so both
/// always agree on what matches.</summary>
internal static class SqliteOutcomeFilter
{
    /// <summary>" WHERE …" with its parameters added to <paramref name="command"/>, or "" when nothing filters.</summary>
    /// <param name="count">For a COUNT(*), which reads no row's order (see <see cref="ReadsReviewedColumn"/>).</param>
    public static string Where(ResultQuery query, SqliteCommand command, bool count = false)
    {
        var filter = new SqliteFilter(command);
        filter.Add("completed_at >= $from", "$from", query.From?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        filter.Add("completed_at < $to", "$to", query.To?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        filter.Add("model_version = $version", "$version", query.ModelVersion);
        filter.Add("run_id = $run", "$run", query.RunId);
        filter.Add("return_id = $return", "$return", query.ReturnId);
        filter.Add("status = $status", "$status", query.Status);
        filter.Add("label = $label", "$label", query.Label);
        filter.Add("confidence >= $min", "$min", query.MinConfidence);
        filter.Add("confidence <= $max", "$max", query.MaxConfidence);
        // A review settles the photo, whichever model version's outcome the reviewer looked at. Both forms say the same
        // (the column is kept per image by triggers, SqliteReviewedOutcomes.cs); IN reads the reviewed images once.
        if (query.Reviewed is { } reviewed)
            filter.Add(ReadsReviewedColumn(query, count)
                ? (reviewed ? "reviewed = 1" : "reviewed = 0")
                : "image_id " + (reviewed ? "" : "NOT ") + "IN (SELECT image_id FROM reviews)");
        return filter.Where;
    }

    /// <summary>The kept column where an index holds it beside the query's other filters: a period alone
    /// (reviewed, completed_at), the review queue (model_version, status, reviewed, confidence), and for a count any
    /// of run, version, status and confidence (reviewed, run_id, model_version, status, confidence). Otherwise (a label,
    /// a return, a page in an order those indexes lack) the column would be read from every matching row, so the
    /// outcomes are walked on their own index and checked against the reviewed images instead.</summary>
    private static bool ReadsReviewedColumn(ResultQuery query, bool count)
    {
        if (query.Label is not null || query.ReturnId is not null)
            return false;
        var period = query.From is not null || query.To is not null;
        var others = query.RunId is not null || query.ModelVersion is not null || query.Status is not null
            || query.MinConfidence is not null || query.MaxConfidence is not null;
        var queue = query.ModelVersion is not null && query.Status is not null && query.RunId is null;
        return !others || !period && (count || queue);
    }

    /// <param name="reversed">The same order from its other end (for pages past the middle).</param>
    public static string OrderBy(ResultQuery query, bool reversed = false) => (query.Order, reversed) switch
    {
        (ResultOrder.Newest, false) => " ORDER BY completed_at DESC, image_id, model_version",
        (ResultOrder.Newest, true) => " ORDER BY completed_at, image_id DESC, model_version DESC",
        (ResultOrder.LeastConfident, false) => $" ORDER BY {NoConfidenceLast(query, "")}confidence, completed_at, image_id, model_version",
        (ResultOrder.LeastConfident, true) => $" ORDER BY {NoConfidenceLast(query, " DESC")}confidence DESC, completed_at DESC, image_id DESC, model_version DESC",
        (_, false) => " ORDER BY completed_at, image_id, model_version",
        (_, true) => " ORDER BY completed_at DESC, image_id DESC, model_version DESC",
    };

    /// <summary>Outcomes without a confidence come last; a query bounded by confidence has none, and without that
    /// term its order is the review queue's index (version, status, reviewed, confidence, completed_at) walked from the
    /// start, so a page of the queue reads a page of the index rather than sorting every unsure outcome.</summary>
    private static string NoConfidenceLast(ResultQuery query, string direction) =>
        query.MinConfidence is null && query.MaxConfidence is null ? $"confidence IS NULL{direction}, " : "";
}
