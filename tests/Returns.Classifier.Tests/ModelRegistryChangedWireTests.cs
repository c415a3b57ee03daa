using System.Text.Json;
using MassTransit.Serialization;
using Returns.Contracts;

namespace Returns.Classifier.Tests;

/// <summary>ModelRegistryChanged as MassTransit writes and reads it: the registry's own words, and nothing else.</summary>
public sealed class ModelRegistryChangedWireTests
{
    [Theory]
    [InlineData(ModelRegistryAction.Promote, "promote")]
    [InlineData(ModelRegistryAction.EndShadow, "end-shadow")]
    public void On_the_wire_an_action_is_the_registry_s_own_word(ModelRegistryAction action, string word)
    {
        var json = JsonSerializer.Serialize(Change(action), SystemTextJsonMessageSerializer.Options);

        using var document = JsonDocument.Parse(json);
        Assert.Equal(word, document.RootElement.GetProperty("action").GetString());
        Assert.Equal(action, JsonSerializer.Deserialize<ModelRegistryChanged>(json, SystemTextJsonMessageSerializer.Options)!.Action);
    }

    [Fact]
    public void A_word_the_contract_does_not_list_cannot_be_read_as_any_action()
    {
        var json = JsonSerializer.Serialize(Change(ModelRegistryAction.Promote), SystemTextJsonMessageSerializer.Options)
            .Replace("\"promote\"", "\"register\"", StringComparison.Ordinal);

        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<ModelRegistryChanged>(json, SystemTextJsonMessageSerializer.Options));
    }

    private static ModelRegistryChanged Change(ModelRegistryAction action) => new()
    {
        Action = action, Version = "clothing-mobilenetv2-v2", Sha256 = new string('a', 64), By = "tests", At = DateTimeOffset.UtcNow,
    };
}
