using Returns.Results.Storage;

namespace Returns.Results.Reports;

/// <summary>The first rows of one of a period's lists.</summary>
internal static class ListHead
{
    public static async Task<IReadOnlyList<ReportRow>> ReadAsync(IReportRows rows, ReportList list, int keep, CancellationToken cancellationToken)
    {
        var head = new List<ReportRow>();
        await foreach (var row in rows.ReadAsync(list, cancellationToken, keep))
            head.Add(row);
        return head;
    }

    /// <summary>The rejections by reason, most first (as <see cref="ReportBuilder.Assemble"/> groups them), each with its
    /// full count and its first rows.</summary>
    public static async Task<IReadOnlyList<RejectionGroup>> ByReasonAsync(IReportRows rows, int keep, CancellationToken cancellationToken)
    {
        var groups = new Dictionary<string, (List<ReportRow> Head, int Count)>(StringComparer.Ordinal);
        await foreach (var row in rows.ReadAsync(ReportList.Rejected, cancellationToken))
        {
            var (head, count) = groups.GetValueOrDefault(row.Reason!, ([], 0));
            if (head.Count < keep)
                head.Add(row);
            groups[row.Reason!] = (head, count + 1);
        }
        return groups
            .Select(g => new RejectionGroup(g.Key, g.Value.Count, g.Value.Head))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Reason, StringComparer.Ordinal)
            .ToArray();
    }
}
