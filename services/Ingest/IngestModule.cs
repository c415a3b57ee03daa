using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Returns.Ingest.Inbox;
using Returns.Ingest.Validation;
using Returns.ServiceDefaults;

namespace Returns.Ingest;

public static class IngestModule
{
    /// <summary>Ingest's one entry point: validation, claim check and publishing, for HTTP and the inbox alike.</summary>
    public static IHostApplicationBuilder AddIngest(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<IngestOptions>(IngestOptions.Section);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ImageInspector>();
        builder.Services.AddScoped<ImageIngestor>();
        builder.Services.AddScoped<InboxScanner>();
        return builder;
    }
}
