using System.Security.Cryptography;
using System.Text;

namespace Returns.Testing;

/// <summary>API-key settings as an operator writes them: a name, the key's SHA-256, and scopes.</summary>
public static class ApiKeys
{
    public static string Sha256(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static IEnumerable<KeyValuePair<string, string>> Settings(int index, string name, string key, params string[] scopes) =>
    [
        new($"Authentication:ApiKeys:{index}:Name", name),
        new($"Authentication:ApiKeys:{index}:KeySha256", Sha256(key)),
        .. scopes.Select((scope, i) => new KeyValuePair<string, string>($"Authentication:ApiKeys:{index}:Scopes:{i}", scope)),
    ];
}
