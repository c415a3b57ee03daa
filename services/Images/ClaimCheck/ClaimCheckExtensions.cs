using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Returns.ServiceDefaults;

namespace Returns.Images.ClaimCheck;

public static class ClaimCheckExtensions
{
    /// <summary>The claim-check store (and the cleanup the results side runs), on Messaging:ClaimCheckPath; every module
    /// that reads or writes image bytes registers it (once per host).</summary>
    public static IHostApplicationBuilder AddClaimCheck(this IHostApplicationBuilder builder)
    {
        var options = builder.AddValidatedOptions<MessagingOptions>(MessagingOptions.Section);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton(new ClaimCheckStore(options.ClaimCheckPath));
        builder.Services.TryAddSingleton<ClaimCheckCleanup>();
        return builder;
    }
}
