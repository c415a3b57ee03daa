using Returns.Results.Storage;

namespace Returns.Results.Tests;

/// <summary>A results.db written before the runs tally existed is tallied once, the first time this version opens it.</summary>
public sealed class SqliteRunTallyTests : SqliteFileTest
{
    private static readonly RunTallyQuery Since = new(DateTimeOffset.MinValue, new Dictionary<string, double> { ["v1"] = 0.6 }, 0.5, 10);

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
    private Task ForgetTheTallyAsync() => ExecuteAsync("DROP TRIGGER run_tallies_on_insert; DROP TABLE run_tallies;");
}
