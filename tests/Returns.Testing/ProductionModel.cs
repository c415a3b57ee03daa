using Returns.Models;

namespace Returns.Testing;

/// <summary>The version a models folder's registry names as production, read and checked against its card.</summary>
public static class ProductionModel
{
    public static ResolvedModel In(ModelsFolder models) => models.Resolve(models.Registry.Read().Production);

    /// <summary>In the repository's own models folder.</summary>
    public static ResolvedModel InRepository() => In(new ModelsFolder(RepoPaths.Models));
}
