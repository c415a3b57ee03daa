using Returns.Cli;
using Returns.Results.Lines;
using Returns.Testing;

namespace Returns.Ops.Tests.Docs;

/// <summary>Every code sample in the README and docs/ is checked against the code, or marked as an illustration: a
/// documented command names a real command and real options, so the docs cannot go stale without a test failing.</summary>
public sealed class DocsTests
{
    private const string Cli = "services/Cli";

    public static TheoryData<string> Checked() => new(CodeSample.All().Where(s => !s.Illustration).Select(s => s.ToString()));

    [Fact]
    public void Every_code_sample_is_one_a_test_checks_or_is_marked_as_an_illustration()
    {
        var samples = CodeSample.All().ToArray();

        Assert.Contains(samples, s => s.Illustration);
        Assert.All(samples.Where(s => !s.Illustration), s => Assert.True(s.Language is "bash" or "json" or "csv" or "mermaid",
            $"{s}: a ```{s.Language} sample is neither checked (bash; json and csv: a file of returns) nor marked <!-- illustration -->"));
    }

    [Theory]
    [MemberData(nameof(Checked))]
    public void A_checked_sample_says_only_what_the_code_does(string where)
    {
        var sample = CodeSample.All().Single(s => s.ToString() == where);
        switch (sample.Language)
        {
            case "bash":
                Assert.All(sample.Commands(), command => CheckCommand(sample, command));
                break;
            case "json" or "csv":
                CheckReturnFile(sample);
                break;
        }
    }

    [Fact]
    public void The_checker_refuses_a_command_or_option_that_does_not_exist()
    {
        var sample = new CodeSample("test", 1, "bash", ["returns run --no-such-option", "returns frobnicate", "ops/no-such.sh"], false);

        var refused = sample.Commands().Count(command => Record.Exception(() => CheckCommand(sample, command)) is not null);

        Assert.Equal(3, refused);
    }

    [Fact]
    public void The_checker_refuses_a_return_the_contract_does_not_accept()
    {
        var sample = new CodeSample("test", 1, "json", ["""{ "returnId": "R-1", "orderId": "O-1", "lines": [] }"""], false);

        Assert.ThrowsAny<Exception>(() => CheckReturnFile(sample));
    }

    /// <summary>The test command CI runs is the one the README gives.</summary>
    [Fact]
    public void The_readme_gives_the_test_command_ci_runs()
    {
        var readme = CodeSample.In(Path.Combine(RepoPaths.Root, "README.md")).SelectMany(s => s.Lines);

        Assert.Contains(readme, l => l.StartsWith("tests/run.sh", StringComparison.Ordinal));
        Assert.Contains("exec tests/run.sh", File.ReadAllText(Path.Combine(RepoPaths.Root, ".ci", "run")));
    }

    private static void CheckCommand(CodeSample sample, string[] words)
    {
        words = words.SkipWhile(w => w.Contains('=') && !w.StartsWith('-')).ToArray(); // VAR=value before a command
        switch (words)
        {
            case [] or ["export", ..] or ["printf", ..] or ["cd", ..]:
                return;
            case ["returns", .. var args]:
                CheckCli(sample, args);
                return;
            case ["dotnet", "run", .. var rest]:
                CheckDotnetRun(sample, rest);
                return;
            case ["/usr/bin/python3", var script, .. var args]:
                CheckScript(sample, script, args);
                return;
            case [var script, .. var args] when script.EndsWith(".sh", StringComparison.Ordinal):
                CheckScript(sample, script, args);
                return;
            default:
                Assert.Fail($"{sample}: `{string.Join(' ', words)}` is no command this test knows; check it here or mark the block <!-- illustration -->");
                return;
        }
    }

    /// <summary>Parsed by the CLI's own command tree: no error, and nothing left over but --Section:Key=value settings.</summary>
    private static void CheckCli(CodeSample sample, string[] args)
    {
        var parsed = ReturnsCommandLine.Parse(args);
        var line = $"{sample}: `returns {string.Join(' ', args)}`";
        Assert.True(parsed.Errors.Count == 0, $"{line}: {string.Join("; ", parsed.Errors.Select(e => e.Message))}");
        Assert.True(parsed.UnmatchedTokens.All(t => t.StartsWith("--", StringComparison.Ordinal) && t.Contains(':')),
            $"{line}: not options of `{parsed.CommandResult.Command.Name}`: {string.Join(' ', parsed.UnmatchedTokens)}");
    }

    private static void CheckDotnetRun(CodeSample sample, string[] rest)
    {
        var project = rest.SkipWhile(w => w != "--project").Skip(1).FirstOrDefault();
        Assert.True(project is not null && Directory.Exists(Path.Combine(RepoPaths.Root, project)), $"{sample}: no project {project}");
        var args = rest.SkipWhile(w => w != "--").Skip(1).ToArray();
        if (project.TrimEnd('/') == Cli)
            CheckCli(sample, args);
        else
            CheckOptions(sample, Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, project), "*.cs"), args);
    }

    private static void CheckScript(CodeSample sample, string script, string[] args)
    {
        var path = Path.Combine(RepoPaths.Root, script);
        Assert.True(File.Exists(path), $"{sample}: no script {script}");
        foreach (var file in args.Where(a => !a.StartsWith('-') && a.Contains('/') && a.Contains('.')))
            Assert.True(File.Exists(Path.Combine(RepoPaths.Root, file)), $"{sample}: no file {file}");
        CheckOptions(sample, [path], args);
    }

    /// <summary>An option is real when code (not a comment) reads it: "--x" in C# or Python, --x) in a shell case.</summary>
    private static void CheckOptions(CodeSample sample, IEnumerable<string> sources, string[] args)
    {
        var code = string.Join('\n', sources.SelectMany(File.ReadLines)
            .Where(l => !l.TrimStart().StartsWith('#') && !l.TrimStart().StartsWith("//", StringComparison.Ordinal)));
        foreach (var option in args.Where(a => a.StartsWith("--", StringComparison.Ordinal)))
            Assert.True(code.Contains($"\"{option}\"", StringComparison.Ordinal) || code.Contains($"{option})", StringComparison.Ordinal),
                $"{sample}: nothing reads the option {option}");
    }

    /// <summary>The JSON and CSV samples are files of returns: read by the importer as `returns returns import` reads them,
    /// into the ReturnRegistered contract and through the consumer's checks.</summary>
    private static void CheckReturnFile(CodeSample sample)
    {
        var contents = ReturnFile.Read(string.Join('\n', sample.Lines), TimeProvider.System);
        Assert.True(contents.Problems.Count == 0 && contents.Returns.Count > 0,
            $"{sample}: not a file of returns ({string.Join("; ", contents.Problems)}); check it here or mark the block <!-- illustration -->");
    }
}
