using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Returns.Results.Storage;

/// <summary>A <see cref="ResultQuery"/> as SQL over the outcomes table, shared by the page and its count so both
/// always agree on what matches.</summary>
internal static class SqliteOutcomeFilter
{
    /// <summary>" WHERE …" with its parameters added to <paramref name="command"/>, or "" when nothing filters.</summary>
    public static string Where(ResultQuery query, SqliteCommand command)
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
        // A review settles the photo, whichever model version's outcome the reviewer looked at.
        if (query.Reviewed is { } reviewed)
            filter.Add((reviewed ? "" : "NOT ") + "EXISTS (SELECT 1 FROM reviews WHERE reviews.image_id = outcomes.image_id)");
        return filter.Where;
    }

    public static string OrderBy(ResultOrder order) => order switch
    {
        ResultOrder.Newest => " ORDER BY completed_at DESC, image_id, model_version",
        ResultOrder.LeastConfident => " ORDER BY confidence IS NULL, confidence, completed_at, image_id, model_version",
        _ => " ORDER BY completed_at, image_id, model_version",
    };
}
