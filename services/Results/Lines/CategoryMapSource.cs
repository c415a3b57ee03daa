using Microsoft.Extensions.Options;

namespace Returns.Results.Lines;

/// <summary>The one owner of the category map: read once from Results:CategoryMapPath, else from beside the binaries.</summary>
public sealed class CategoryMapSource(IOptions<ResultsOptions> options)
{
    private readonly Lazy<CategoryMap> map = new(() => CategoryMap.Read(
        string.IsNullOrEmpty(options.Value.CategoryMapPath) ? Path.Combine(AppContext.BaseDirectory, "category-map.json") : options.Value.CategoryMapPath));

    public CategoryMap Map => map.Value;
}
