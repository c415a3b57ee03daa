using System.Text.Json;
using Returns.Contracts;

namespace Returns.Results.Storage;

/// <summary>A verdict is stored whole, as the message it was published as: both stores read back exactly what went out.</summary>
internal static class VerdictJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Write(ReturnLineAssessed verdict) => JsonSerializer.Serialize(verdict, Options);

    public static ReturnLineAssessed Read(string json) =>
        JsonSerializer.Deserialize<ReturnLineAssessed>(json, Options) ?? throw new InvalidDataException("a stored verdict is empty");

    /// <summary>One text key for (return id, line id); the length prefix keeps ("a:b", "c") apart from ("a", "b:c").</summary>
    public static string Key(string returnId, string lineId) => $"{returnId.Length}:{returnId}:{lineId}";
}
