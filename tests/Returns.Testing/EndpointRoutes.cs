using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Returns.Testing;

/// <summary>Every route a host maps, read from the host itself, so a test covers endpoints added after it was written.</summary>
public static class EndpointRoutes
{
    public static IReadOnlyList<(string Method, string Pattern)> All(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => (method, "/" + e.RoutePattern.RawText!.TrimStart('/'))))
            .Distinct()
            .ToArray();
}
