using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Returns.Staff.Apis;

/// <summary>The console's stylesheet and scripts, embedded in the assembly and served to anyone (the sign-in page needs them).</summary>
public static class StaffAssets
{
    private static readonly Dictionary<string, (byte[] Bytes, string Type)> Files = typeof(StaffAssets).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith("assets/", StringComparison.Ordinal))
        .ToDictionary(n => n["assets/".Length..], n => (Read(n), Path.GetExtension(n) == ".css" ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8"));

    public static IEndpointRouteBuilder MapStaffAssets(this IEndpointRouteBuilder app)
    {
        app.MapGet("/assets/{name}", IResult (string name, HttpResponse response) =>
        {
            if (!Files.TryGetValue(name, out var file))
                return TypedResults.NotFound();
            response.Headers.CacheControl = "public, max-age=3600";
            return TypedResults.Bytes(file.Bytes, file.Type);
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static byte[] Read(string name)
    {
        using var stream = typeof(StaffAssets).Assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
