using System.Globalization;
using Microsoft.Data.Sqlite;
using Returns.Contracts;

namespace Returns.Results.Storage;

/// <summary>Declared lines and their photos (insert once), and each line's current verdict (a conditional update on
/// its revision, so two assessments of one line cannot both win).</summary>
public sealed partial class SqliteResultStore : IReturnLineStore
{
    private const string ReturnLineSchema = """
        CREATE TABLE IF NOT EXISTS return_lines (
            return_id         TEXT NOT NULL,
            line_id           TEXT NOT NULL,
            order_id          TEXT NOT NULL,
            sku               TEXT NOT NULL,
            declared_category TEXT NOT NULL,
            registered_at     TEXT NOT NULL,
            PRIMARY KEY (return_id, line_id)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS return_lines_by_registered_at ON return_lines (registered_at);
        CREATE TABLE IF NOT EXISTS line_photos (
            return_id   TEXT NOT NULL,
            line_id     TEXT NOT NULL,
            image_id    TEXT NOT NULL,
            attached_at TEXT NOT NULL,
            PRIMARY KEY (return_id, line_id, image_id)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS line_photos_by_image ON line_photos (image_id);
        CREATE TABLE IF NOT EXISTS line_verdicts (
            return_id   TEXT NOT NULL,
            line_id     TEXT NOT NULL,
            revision    INTEGER NOT NULL,
            verdict     TEXT NOT NULL,
            assessed_at TEXT NOT NULL,
            published   INTEGER NOT NULL,
            message     TEXT NOT NULL,
            PRIMARY KEY (return_id, line_id)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS line_verdicts_by_assessed_at ON line_verdicts (assessed_at);
        """;

    /// <summary>Databases from before lines existed get the outcome's line column (ALTER TABLE has no IF NOT EXISTS).</summary>
    private static async Task AddLineColumnAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var check = connection.CreateCommand();
        check.CommandText = "SELECT COUNT(*) FROM pragma_table_info('outcomes') WHERE name = 'line_id'";
        if (Convert.ToInt32(await check.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 0)
        {
            await using var alter = connection.CreateCommand();
            alter.CommandText = "ALTER TABLE outcomes ADD COLUMN line_id TEXT";
            await alter.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var index = connection.CreateCommand();
        index.CommandText = "CREATE INDEX IF NOT EXISTS outcomes_by_line ON outcomes (return_id, line_id)";
        await index.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<int> SaveLinesAsync(IReadOnlyList<RegisteredLine> lines, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var added = 0;
        foreach (var line in lines)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO return_lines (return_id, line_id, order_id, sku, declared_category, registered_at)
                VALUES ($return, $line, $order, $sku, $category, $at) ON CONFLICT (return_id, line_id) DO NOTHING
                """;
            command.Parameters.AddWithValue("$return", line.ReturnId);
            command.Parameters.AddWithValue("$line", line.LineId);
            command.Parameters.AddWithValue("$order", line.OrderId);
            command.Parameters.AddWithValue("$sku", line.Sku);
            command.Parameters.AddWithValue("$category", line.DeclaredCategory);
            command.Parameters.AddWithValue("$at", Time(line.RegisteredAt));
            added += await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return added;
    }

    public async Task<RegisteredLine?> FindLineAsync(string returnId, string lineId, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM return_lines WHERE return_id = $return AND line_id = $line";
        command.Parameters.AddWithValue("$return", returnId);
        command.Parameters.AddWithValue("$line", lineId);
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        if (!await r.ReadAsync(cancellationToken))
            return null;
        return new RegisteredLine
        {
            ReturnId = r.GetString(r.GetOrdinal("return_id")),
            LineId = r.GetString(r.GetOrdinal("line_id")),
            OrderId = r.GetString(r.GetOrdinal("order_id")),
            Sku = r.GetString(r.GetOrdinal("sku")),
            DeclaredCategory = r.GetString(r.GetOrdinal("declared_category")),
            RegisteredAt = DateTimeOffset.Parse(r.GetString(r.GetOrdinal("registered_at")), CultureInfo.InvariantCulture),
        };
    }

    public async Task<bool> AttachPhotoAsync(LinePhoto photo, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO line_photos (return_id, line_id, image_id, attached_at) VALUES ($return, $line, $image, $at)
            ON CONFLICT (return_id, line_id, image_id) DO NOTHING
            """;
        command.Parameters.AddWithValue("$return", photo.ReturnId);
        command.Parameters.AddWithValue("$line", photo.LineId);
        command.Parameters.AddWithValue("$image", photo.ImageId);
        command.Parameters.AddWithValue("$at", Time(photo.AttachedAt));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<IReadOnlyList<string>> FindLinePhotosAsync(string returnId, string lineId, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT image_id FROM line_photos WHERE return_id = $return AND line_id = $line
            UNION SELECT image_id FROM outcomes WHERE return_id = $return AND line_id = $line
            ORDER BY image_id
            """;
        command.Parameters.AddWithValue("$return", returnId);
        command.Parameters.AddWithValue("$line", lineId);
        var found = new List<string>();
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
            found.Add(r.GetString(0));
        return found;
    }

    public async Task<IReadOnlyList<LineKey>> FindLinesOfImageAsync(string imageId, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT return_id, line_id FROM line_photos WHERE image_id = $image
            UNION SELECT return_id, line_id FROM outcomes WHERE image_id = $image AND return_id IS NOT NULL AND line_id IS NOT NULL
            ORDER BY return_id, line_id
            """;
        command.Parameters.AddWithValue("$image", imageId);
        return await ReadKeysAsync(command, cancellationToken);
    }

    public async Task<StoredVerdict?> FindVerdictAsync(string returnId, string lineId, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT message, published FROM line_verdicts WHERE return_id = $return AND line_id = $line";
        command.Parameters.AddWithValue("$return", returnId);
        command.Parameters.AddWithValue("$line", lineId);
        return (await ReadVerdictsAsync(command, cancellationToken)).SingleOrDefault();
    }

    public async Task<bool> SaveVerdictAsync(ReturnLineAssessed verdict, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = verdict.Revision == 1
            ? """
              INSERT INTO line_verdicts (return_id, line_id, revision, verdict, assessed_at, published, message)
              VALUES ($return, $line, $revision, $verdict, $at, 0, $message) ON CONFLICT (return_id, line_id) DO NOTHING
              """
            : """
              UPDATE line_verdicts SET revision = $revision, verdict = $verdict, assessed_at = $at, published = 0, message = $message
              WHERE return_id = $return AND line_id = $line AND revision = $revision - 1
              """;
        command.Parameters.AddWithValue("$return", verdict.ReturnId);
        command.Parameters.AddWithValue("$line", verdict.LineId);
        command.Parameters.AddWithValue("$revision", verdict.Revision);
        command.Parameters.AddWithValue("$verdict", verdict.Verdict);
        command.Parameters.AddWithValue("$at", Time(verdict.AssessedAt));
        command.Parameters.AddWithValue("$message", VerdictJson.Write(verdict));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task MarkPublishedAsync(string returnId, string lineId, int revision, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE line_verdicts SET published = 1 WHERE return_id = $return AND line_id = $line AND revision = $revision";
        command.Parameters.AddWithValue("$return", returnId);
        command.Parameters.AddWithValue("$line", lineId);
        command.Parameters.AddWithValue("$revision", revision);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<LineKey>> FindLinesWithoutVerdictAsync(DateTimeOffset registeredBefore, int limit, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT l.return_id, l.line_id FROM return_lines l
            LEFT JOIN line_verdicts v ON v.return_id = l.return_id AND v.line_id = l.line_id
            WHERE v.return_id IS NULL AND l.registered_at < $before
            ORDER BY l.registered_at, l.return_id, l.line_id LIMIT $limit
            """;
        command.Parameters.AddWithValue("$before", Time(registeredBefore));
        command.Parameters.AddWithValue("$limit", limit);
        return await ReadKeysAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<StoredVerdict>> QueryVerdictsAsync(VerdictQuery query, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var filter = new SqliteFilter(command);
        filter.Add("assessed_at >= $from", "$from", query.From is { } from ? Time(from) : null);
        filter.Add("assessed_at < $to", "$to", query.To is { } to ? Time(to) : null);
        filter.Add("return_id = $return", "$return", query.ReturnId);
        command.CommandText = "SELECT message, published FROM line_verdicts" + filter.Where
            + " ORDER BY return_id, line_id LIMIT $limit";
        command.Parameters.AddWithValue("$limit", query.Limit);
        return await ReadVerdictsAsync(command, cancellationToken);
    }

    private static async Task<IReadOnlyList<LineKey>> ReadKeysAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var found = new List<LineKey>();
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
            found.Add(new LineKey(r.GetString(0), r.GetString(1)));
        return found;
    }

    private static async Task<IReadOnlyList<StoredVerdict>> ReadVerdictsAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var found = new List<StoredVerdict>();
        var words = new VerdictStrings();
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
            found.Add(new StoredVerdict(words.Share(VerdictJson.Read(r.GetString(0))), r.GetInt64(1) == 1));
        return found;
    }
}
