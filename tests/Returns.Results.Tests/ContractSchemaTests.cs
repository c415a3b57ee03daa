using System.Text.Json;
using System.Text.RegularExpressions;
using Returns.ServiceDefaults;
using Returns.Testing;

namespace Returns.Results.Tests;

/// <summary>The JSON Schemas that upstream systems build against say what the edge checks refuse: the same ids and times
/// are out on both sides.</summary>
public sealed class ContractSchemaTests
{
    public static TheoryData<string, bool> Ids => new()
    {
        { "R-1001", true },
        { "Retour 返品 Ünïcødé", true },
        { "R-\u202E1gpj.exe", false },
        { "R-\u00071", false },
        { "1\u200B", false },
        { "line\nbreak", false },
        { "R\u20281", false },
    };

    [Theory]
    [MemberData(nameof(Ids))]
    public void An_id_the_schemas_refuse_is_one_the_edge_refuses(string id, bool valid)
    {
        foreach (var schema in new[] { "return-registered", "photo-attached" })
        {
            var pattern = Definition(schema, "id").GetProperty("pattern").GetString()!;
            Assert.Equal(valid, Regex.IsMatch(id, pattern));
        }
        Assert.Equal(valid, EdgeChecks.IdProblem("id", id) is null);
    }

    [Theory]
    [InlineData("2026-12-03T05:00:00Z", true)]
    [InlineData("9999-12-31T00:00:00Z", false)]
    [InlineData("1999-12-31T23:59:59Z", false)]
    public void A_time_the_schemas_refuse_is_one_the_edge_refuses(string time, bool valid)
    {
        var now = new ManualClock { Now = new DateTimeOffset(2026, 12, 3, 6, 0, 0, TimeSpan.Zero) };
        foreach (var schema in new[] { "return-registered", "photo-attached" })
            Assert.Equal(valid, Regex.IsMatch(time, Definition(schema, "time").GetProperty("pattern").GetString()!));
        Assert.Equal(valid, EdgeChecks.TimeProblem("registered at", DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture), now) is null);
    }

    [Fact]
    public void The_registry_change_schema_lists_exactly_the_actions_the_contract_has_in_their_wire_form()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "contracts", "schemas", "model-registry-changed.v1.schema.json")));
        var listed = document.RootElement.GetProperty("properties").GetProperty("action").GetProperty("enum").EnumerateArray().Select(e => e.GetString());

        var wire = Enum.GetValues<Contracts.ModelRegistryAction>().Select(a => JsonSerializer.Serialize(a).Trim('"'));

        Assert.Equal(wire.Order(), listed.Order());
    }

    private static JsonElement Definition(string schema, string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "contracts", "schemas", $"{schema}.v1.schema.json")));
        return document.RootElement.GetProperty("$defs").GetProperty(name).Clone();
    }
}
