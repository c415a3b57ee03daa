using System.Text.Json;
using Returns.Results.Storage;

namespace Returns.Results.Reports;

/// <summary>summary.json written as it goes: the report's figures as the serializer writes them, and its lists (the
/// unsure labels, what people reviewed, the retakes, the rejections by reason) read row by row from where they are
/// whole, so a period's lists never need to be in memory. The same bytes as serializing the whole report.</summary>
internal static class SummaryJson
{
    public static async Task WriteAsync(Stream stream, NightlyReport report, Func<ReportList, IAsyncEnumerable<ReportRow>> lists,
        JsonSerializerOptions json, CancellationToken cancellationToken)
    {
        var figures = JsonSerializer.SerializeToNode(report with { Rows = [], LowConfidence = [], Reviewed = [], NeedsRetake = [], Rejected = [] }, json)!
            .AsObject();
        string Name(string property) => json.PropertyNamingPolicy?.ConvertName(property) ?? property;
        await using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = json.WriteIndented, Encoder = json.Encoder });
        writer.WriteStartObject();
        foreach (var (name, value) in figures)
        {
            writer.WritePropertyName(name);
            if (name == Name(nameof(NightlyReport.LowConfidence)))
                await ArrayAsync(writer, lists(ReportList.LowConfidence), json, cancellationToken);
            else if (name == Name(nameof(NightlyReport.Reviewed)))
                await ArrayAsync(writer, lists(ReportList.Reviewed), json, cancellationToken);
            else if (name == Name(nameof(NightlyReport.NeedsRetake)))
                await ArrayAsync(writer, lists(ReportList.NeedsRetake), json, cancellationToken);
            else if (name == Name(nameof(NightlyReport.Rejected)))
                await RejectedAsync(writer, report.Rejected, lists(ReportList.Rejected), json, Name, cancellationToken);
            else if (value is null)
                writer.WriteNullValue();
            else
                value.WriteTo(writer, json);
        }
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>The groups in the report's order (most first), each group's rows read from the whole list by its reason.</summary>
    private static async Task RejectedAsync(Utf8JsonWriter writer, IReadOnlyList<RejectionGroup> groups, IAsyncEnumerable<ReportRow> rejected,
        JsonSerializerOptions json, Func<string, string> name, CancellationToken cancellationToken)
    {
        writer.WriteStartArray();
        foreach (var group in groups)
        {
            writer.WriteStartObject();
            writer.WriteString(name(nameof(RejectionGroup.Reason)), group.Reason);
            writer.WriteNumber(name(nameof(RejectionGroup.Count)), group.Count);
            writer.WritePropertyName(name(nameof(RejectionGroup.Items)));
            await ArrayAsync(writer, rejected.Where(r => r.Reason == group.Reason), json, cancellationToken);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static async Task ArrayAsync(Utf8JsonWriter writer, IAsyncEnumerable<ReportRow> rows, JsonSerializerOptions json, CancellationToken cancellationToken)
    {
        writer.WriteStartArray();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            JsonSerializer.Serialize(writer, row, json);
            if (writer.BytesPending > 1 << 16)
                await writer.FlushAsync(cancellationToken);
        }
        writer.WriteEndArray();
    }

    /// <summary>The lists of a report that holds them whole (a night's).</summary>
    public static IAsyncEnumerable<ReportRow> InMemory(NightlyReport report, ReportList list) => (list switch
    {
        ReportList.LowConfidence => report.LowConfidence,
        ReportList.Reviewed => report.Reviewed,
        ReportList.NeedsRetake => report.NeedsRetake,
        ReportList.Rejected => report.Rejected.SelectMany(g => g.Items),
        _ => report.Rows,
    }).ToAsyncEnumerable();
}
