using Microsoft.Data.Sqlite;

namespace Returns.Testing;

/// <summary>A row of the results database's shadow table, read directly.</summary>
public sealed record ShadowRow(string ImageId, string ModelVersion, string Label)
{
    public static IReadOnlyList<ShadowRow> Read(string database) => DatabaseRows.Query(database,
        "SELECT image_id, model_version, label FROM shadow_outcomes", r => new ShadowRow(r.GetString(0), r.GetString(1), r.GetString(2)));

    /// <summary>Records a person's review of an image, as the results service stores one from the console.</summary>
    public static void Review(string database, string imageId, string modelVersion, string previousLabel, string reviewedLabel)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO reviews (review_id, image_id, model_version, previous_label, reviewed_label, reviewer, reviewed_at)
            VALUES ($id, $image, $version, $previous, $reviewed, 'test-reviewer', $at)
            """;
        command.Parameters.AddWithValue("$id", Guid.NewGuid().ToString());
        command.Parameters.AddWithValue("$image", imageId);
        command.Parameters.AddWithValue("$version", modelVersion);
        command.Parameters.AddWithValue("$previous", previousLabel);
        command.Parameters.AddWithValue("$reviewed", reviewedLabel);
        command.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O"));
        command.ExecuteNonQuery();
    }
}
