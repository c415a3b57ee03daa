using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Returns.Results;

namespace Returns.Staff.Users;

public static class StaffUserServices
{
    /// <summary>Users live where the results do: MongoDB when it is configured, otherwise the SQLite file.</summary>
    public static IServiceCollection AddStaffUsers(this IServiceCollection services, ResultsOptions results)
    {
        if (string.IsNullOrEmpty(results.MongoConnectionString))
            services.AddSingleton<IStaffUserStore, SqliteStaffUserStore>();
        else
            services.AddSingleton<IStaffUserStore, MongoStaffUserStore>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<StaffAccounts>();
        services.AddSingleton<SignInLockout>();
        return services;
    }
}
