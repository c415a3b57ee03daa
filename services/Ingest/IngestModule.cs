using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Returns.Images.ClaimCheck;
using Returns.Ingest.Inbox;
using Returns.ServiceDefaults;
using Returns.Images;

namespace Returns.Ingest;

public static class IngestModule
{
    /// <summary>Ingest's one entry point: validation, claim check and publishing, for HTTP and the inbox alike.</summary>
    public static IHostApplicationBuilder AddIngest(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<IngestOptions>(IngestOptions.Section);
        builder.AddImageChecks();
        builder.AddClaimCheck();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<ImageIngestor>();
        builder.Services.AddScoped<InboxScanner>();
        return builder;
    }
}
