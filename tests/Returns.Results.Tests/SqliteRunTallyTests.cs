using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Returns.Results.Storage;

namespace Returns.Results.Tests;

/// <summary>A results.db written before the runs tally existed is tallied once, the first time this version opens it.</summary>
public sealed class SqliteRunTallyTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("returns-tally-");
    private string Path => System.IO.Path.Combine(folder.FullName, "results.db");
    private static CancellationToken Token => TestContext.Current.CancellationToken;
    private static readonly RunTallyQuery Since = new(DateTimeOffset.MinValue, new Dictionary<string, double> { ["v1"] = 0.6 }, 0.5, 10);

    private SqliteResultStore Open() => new(Options.Create(new ResultsOptions { SqlitePath = Path }));

    [Fact]
    public async Task An_older_file_is_tallied_when_first_opened_and_only_once()
    {
        var writer = Open();
        foreach (var (id, confidence) in new[] { ("a", 0.9f), ("b", 0.4f), ("c", 0.5f) })
            await writer.SaveAsync(Outcomes.Classified(id, "shoes", confidence) with { RunId = "night" }, Token);
        await writer.SaveAsync(Outcomes.Classified("a", "hat", 0.3f, Outcomes.Model with { Version = "v0" }) with { RunId = "night" }, Token);
        var tallied = await writer.TallyRunsAsync(Since, Token);
        await ForgetTheTallyAsync();

        var reopened = await Open().TallyRunsAsync(Since, Token);
        var again = await Open().TallyRunsAsync(Since, Token);

        Assert.Equal(tallied, reopened);
        Assert.Equal(tallied, again);
        Assert.Equal((3, 4, 3), (reopened[0].Images, reopened[0].Classified, reopened[0].NeedPerson));
    }

    /// <summary>What a file of the version before looks like: outcomes, no tally and no trigger.</summary>
    private async Task ForgetTheTallyAsync()
    {
        await using var connection = new SqliteConnection(SqliteConnections.For(Path));
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = "DROP TRIGGER run_tallies_on_insert; DROP TABLE run_tallies;";
        await command.ExecuteNonQueryAsync(Token);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        folder.Delete(recursive: true);
    }
}
