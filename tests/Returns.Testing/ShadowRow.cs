using Microsoft.Data.Sqlite;

namespace Returns.Testing;

/// <summary>A row of the results database's shadow table, read directly.</summary>
public sealed record ShadowRow(string ImageId, string ModelVersion, string Label)
{
    public static IReadOnlyList<ShadowRow> Read(string database)
    {
        if (!File.Exists(database))
            return [];
        try
        {
            using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT image_id, model_version, label FROM shadow_outcomes";
            using var reader = command.ExecuteReader();
            var rows = new List<ShadowRow>();
            while (reader.Read())
                rows.Add(new ShadowRow(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            return rows;
        }
        catch (SqliteException e) when (e.Message.Contains("no such table", StringComparison.Ordinal))
        {
            return [];
        }
    }

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
