using System.ComponentModel.DataAnnotations;

namespace Returns.ServiceDefaults.Http;

/// <summary>Binds "Authentication": the API keys a service accepts. Only each key's SHA-256 is configured, so the
/// configuration, its logs and its dumps never hold a usable key.</summary>
public sealed class ApiKeyOptions : IValidatableObject
{
    public const string Section = "Authentication";

    public List<ApiKeyEntry> ApiKeys { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var key in ApiKeys)
        {
            if (string.IsNullOrWhiteSpace(key.Name))
                yield return new ValidationResult("every entry of Authentication:ApiKeys needs a Name");
            if (key.HashBytes() is null)
                yield return new ValidationResult($"Authentication:ApiKeys '{key.Name}': KeySha256 must be 64 hex digits (printf %s \"$key\" | sha256sum)");
            if (key.Scopes.Count == 0 || key.Scopes.Any(s => !Scopes.All.Contains(s)))
                yield return new ValidationResult($"Authentication:ApiKeys '{key.Name}': Scopes must be some of {string.Join(", ", Scopes.All)}");
        }
    }
}

public sealed class ApiKeyEntry
{
    /// <summary>Who holds the key (names the caller in logs and rate limits; never the key itself).</summary>
    public string Name { get; set; } = "";

    /// <summary>Lower-case hex SHA-256 of the key. Keys are long random strings, so a plain hash suffices.</summary>
    public string KeySha256 { get; set; } = "";

    public List<string> Scopes { get; set; } = [];

    internal byte[]? HashBytes()
    {
        try
        {
            var bytes = Convert.FromHexString(KeySha256);
            return bytes.Length == 32 ? bytes : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
