namespace Returns.Models;

/// <summary>Binds the "Models" section, which every service reads.</summary>
public sealed class ModelsOptions
{
    public const string Section = "Models";

    /// <summary>The models folder (versions and registry.json). Distributed, every process must see the same one, as
    /// they see the same claim-check folder. Empty means the copy beside the binaries.</summary>
    public string? Path { get; set; }
}
