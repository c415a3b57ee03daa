using Microsoft.Extensions.Configuration;
using Returns.ServiceDefaults;

namespace Returns.Cli;

/// <summary>Settings for the commands: built-in defaults, then RETURNS_* environment variables, then --Section:Key=value.</summary>
public static class Settings
{
    public static IConfigurationBuilder AddOverrides(this IConfigurationBuilder configuration, string[] args) =>
        configuration.AddEnvironmentVariables("RETURNS_").AddCommandLine(args);

    public static MessagingOptions Messaging(string[] args) =>
        new ConfigurationBuilder().AddOverrides(args).Build().GetSection(MessagingOptions.Section).Get<MessagingOptions>() ?? new();
}
