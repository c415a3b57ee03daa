namespace Returns.Testing;

/// <summary>A row of the results database, read directly, as an auditor would.</summary>
public sealed record StoredRow(string ImageId, string ModelVersion, string Status, string? Worker, string? RunId, string CompletedAt = "")
{
    public static IReadOnlyList<StoredRow> Read(string database) => DatabaseRows.Query(database,
        "SELECT image_id, model_version, status, worker, run_id, completed_at FROM outcomes",
        r => new StoredRow(r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4),
            r.GetString(5)));
}
