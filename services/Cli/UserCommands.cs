using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Returns.Results;
using Returns.Staff.Users;
using Spectre.Console;

namespace Returns.Cli;

/// <summary>`returns users add|list`: console accounts, kept in the results store (so the first admin can be made on the
/// server before anyone can sign in).</summary>
public static class UserCommands
{
    public static Command Create(Option<DirectoryInfo> data)
    {
        var name = new Argument<string>("name") { Description = "the user name people type to sign in" };
        var role = new Option<string>("--role")
        {
            Description = "reviewer (upload, review, read) or admin (also users and reports)",
            DefaultValueFactory = _ => StaffRoles.Reviewer,
        };
        role.AcceptOnlyFromAmong(StaffRoles.All);
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "read the password from the first line of standard input" };
        var add = new Command("add", "Create a user, or give an existing one a new role and password.") { name, role, passwordStdin, data };
        add.TreatUnmatchedTokensAsErrors = false;
        add.SetAction(async (parsed, cancellationToken) =>
        {
            if (!parsed.GetValue(passwordStdin) && (Console.IsInputRedirected || !AnsiConsole.Profile.Capabilities.Interactive))
            {
                // No terminal to ask on (a script, docker compose run without -t, ssh without a tty): say what works.
                Console.Error.WriteLine($"there is no terminal to ask for {parsed.GetValue(name)}'s password on: give it on standard input with "
                    + $"--password-stdin, e.g. printf '%s\\n' \"$PASSWORD\" | returns users add {parsed.GetValue(name)} --role {parsed.GetValue(role)} --password-stdin");
                return 2;
            }
            var password = parsed.GetValue(passwordStdin)
                ? Console.In.ReadLine() ?? ""
                : AnsiConsole.Prompt(new TextPrompt<string>($"Password for {parsed.GetValue(name)}:").Secret());
            using var services = Services(parsed.GetValue(data)!, parsed.UnmatchedTokens.ToArray());
            try
            {
                var user = await services.GetRequiredService<StaffAccounts>().SetAsync(parsed.GetValue(name)!, parsed.GetValue(role)!, password, cancellationToken);
                AnsiConsole.MarkupLineInterpolated($"{user.Name} saved as {user.Role}.");
                return 0;
            }
            catch (InvalidAccountException e)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }
        });

        var list = new Command("list", "List the console's users.") { data };
        list.TreatUnmatchedTokensAsErrors = false;
        list.SetAction(async (parsed, cancellationToken) =>
        {
            using var services = Services(parsed.GetValue(data)!, parsed.UnmatchedTokens.ToArray());
            var table = new Table().AddColumns("name", "role", "state", "created (UTC)");
            foreach (var u in await services.GetRequiredService<IStaffUserStore>().ListAsync(cancellationToken))
                table.AddRow(u.Name, u.Role, u.Disabled ? "disabled" : "active", u.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm"));
            AnsiConsole.Write(table);
            return 0;
        });
        return new Command("users", "Manage who can sign in to the staff console.") { add, list };
    }

    private static ServiceProvider Services(DirectoryInfo data, string[] overrides)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new DataFolder(data).Settings())
            .AddOverrides(overrides)
            .Build();
        var results = configuration.GetSection(ResultsOptions.Section).Get<ResultsOptions>() ?? new ResultsOptions();
        return new ServiceCollection().AddSingleton(Options.Create(results)).AddStaffUsers(results).BuildServiceProvider();
    }
}
