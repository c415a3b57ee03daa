using System.Diagnostics;

namespace Returns.Pipeline.Tests;

/// <summary>`returns users add` run where there is no terminal to ask for a password on (a script, CI, docker without -t).</summary>
public sealed class UsersCommandTests : IDisposable
{
    private readonly DirectoryInfo data = Directory.CreateTempSubdirectory("returns-users-");

    public void Dispose() => data.Delete(recursive: true);

    [Fact]
    public async Task Without_a_terminal_it_says_to_use_password_stdin_instead_of_crashing_and_with_it_the_user_is_saved()
    {
        var prompted = await RunAsync(null, "users", "add", "ada", "--role", "admin", "--data", data.FullName);
        var piped = await RunAsync("admin password 1", "users", "add", "ada", "--role", "admin", "--password-stdin", "--data", data.FullName);

        Assert.Equal(2, prompted.ExitCode);
        Assert.Contains("--password-stdin", prompted.Output);
        Assert.DoesNotContain("   at ", prompted.Output); // no stack trace
        Assert.DoesNotContain("Exception", prompted.Output);
        Assert.True(piped.ExitCode == 0, piped.Output);
        Assert.Contains("ada saved as admin", piped.Output);
    }

    [Fact]
    public void The_console_docs_show_how_to_add_a_user_without_a_terminal()
    {
        var docs = File.ReadAllText(Path.Combine(Returns.Testing.RepoPaths.Root, "docs", "console.md"));
        Assert.Contains("users add ada --role admin --password-stdin", docs);
    }

    /// <param name="stdin">Written to standard input, which is then closed; null: closed at once. Never a terminal.</param>
    private static async Task<(int ExitCode, string Output)> RunAsync(string? stdin, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(CliProcess.Dll);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        if (stdin is not null)
            await process.StandardInput.WriteLineAsync(stdin);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output + await error);
    }
}
