using System.Text.RegularExpressions;
using Returns.Testing;

namespace Returns.Ops.Tests.Docs;

/// <summary>What the README and docs/ point at exists: every relative link, every repository path and every source file
/// they name in backticks; and every Markdown page a code comment or script points at (two comments once named a
/// security page under ops/ that never existed).</summary>
public sealed partial class DocsReferenceTests
{
    /// <summary>The repository's own top folders: not .git, and not what a run writes there and .gitignore lists
    /// (returns-data/ after `returns run`, which the pages name as a default, not as a file in the repository).</summary>
    private static readonly string[] TopFolders = Directory.GetDirectories(RepoPaths.Root)
        .Select(Path.GetFileName).Where(d => d is not ".git" && !Generated(d + "/")).ToArray()!;

    public static TheoryData<string> Pages() => new(MarkdownPages().Select(p => Path.GetRelativePath(RepoPaths.Root, p)));

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_link_and_path_a_page_gives_exists(string page)
    {
        var file = Path.Combine(RepoPaths.Root, page);
        var text = File.ReadAllText(file);
        var missing = Links(text).Where(l => !Exists(Path.Combine(Path.GetDirectoryName(file)!, l)))
            .Concat(Quoted(text).Where(q => IsRepoPath(q) && !Exists(Path.Combine(RepoPaths.Root, q)) && !Generated(q)))
            .Concat(Quoted(text).Where(q => IsSourceFile(q) && !IsRepoPath(q) && !SourceFiles.Value.Any(f => f == q || f.EndsWith("/" + q, StringComparison.Ordinal))))
            .ToArray();

        Assert.True(missing.Length == 0, $"{page} points at what does not exist: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_page_the_code_points_at_exists()
    {
        var missing = SourceFiles.Value
            .SelectMany(f => PageMention().Matches(File.ReadAllText(Path.Combine(RepoPaths.Root, f))).Select(m => (File: f, Page: m.Value)))
            .Where(m => !File.Exists(Path.Combine(RepoPaths.Root, m.Page)))
            .Select(m => $"{m.File}: {m.Page}")
            .ToArray();

        Assert.True(missing.Length == 0, $"pages named in code that do not exist: {string.Join(", ", missing)}");
    }

    [Fact]
    public void The_checker_finds_a_dangling_link_a_missing_path_and_a_missing_file()
    {
        const string text = "[gone](no-such-page.md) `services/NoSuchService` `NoSuchFile.cs` `ops/no-such.sh`";

        Assert.Equal(["no-such-page.md"], Links(text));
        Assert.Equal(["services/NoSuchService", "ops/no-such.sh"], Quoted(text).Where(IsRepoPath));
        Assert.DoesNotContain(Quoted(text).Where(IsRepoPath), q => Exists(Path.Combine(RepoPaths.Root, q)));
        Assert.DoesNotContain(SourceFiles.Value, f => f.EndsWith("/NoSuchFile.cs", StringComparison.Ordinal));
    }

    private static IEnumerable<string> MarkdownPages() =>
        new[] { Path.Combine(RepoPaths.Root, "README.md") }
            .Concat(Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "docs"), "*.md", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal);

    private static IEnumerable<string> Links(string text) =>
        Link().Matches(text).Select(m => m.Groups[1].Value).Where(l => !l.Contains("://", StringComparison.Ordinal) && !l.StartsWith("mailto:", StringComparison.Ordinal));

    private static IEnumerable<string> Quoted(string text) => Code().Matches(text).Select(m => m.Groups[1].Value);

    private static bool IsRepoPath(string quoted) => quoted.Contains('/') && TopFolders.Contains(quoted.Split('/')[0]);

    private static bool IsSourceFile(string quoted) => SourceFile().IsMatch(quoted);

    /// <summary>A file or folder, or a pattern (<c>services/*.Api</c>) that matches at least one.</summary>
    private static bool Exists(string path)
    {
        if (!path.Contains('*'))
            return File.Exists(path) || Directory.Exists(path);
        var folder = Path.GetDirectoryName(path)!;
        return Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder, Path.GetFileName(path)).Any();
    }

    /// <summary>Made by a script or a run and never committed: .gitignore lists it (the secrets' env files, returns-data/).</summary>
    private static bool Generated(string path) =>
        File.ReadLines(Path.Combine(RepoPaths.Root, ".gitignore")).Any(l => l.Trim() == "/" + path);

    /// <summary>The repository's own source and scripts, relative to the root, '/'-separated; not build output.</summary>
    private static readonly Lazy<string[]> SourceFiles = new(() => Walk(RepoPaths.Root)
        .Where(f => SourceFile().IsMatch(Path.GetFileName(f)) || Path.GetFileName(f) is "Dockerfile" or "run")
        .Select(f => Path.GetRelativePath(RepoPaths.Root, f).Replace('\\', '/'))
        .ToArray());

    private static IEnumerable<string> Walk(string folder) =>
        Directory.EnumerateFiles(folder).Concat(Directory.EnumerateDirectories(folder)
            .Where(d => Path.GetFileName(d) is not ("bin" or "obj" or ".git" or "node_modules" or "TestResults")
                && !Path.GetFileName(d).StartsWith(".training", StringComparison.Ordinal)
                && !Path.GetFileName(d).StartsWith("returns-", StringComparison.Ordinal))
            .SelectMany(Walk));

    [GeneratedRegex(@"\]\(([^)#\s]+)(?:#[^)]*)?\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"`([^`\s]+)`")]
    private static partial Regex Code();

    [GeneratedRegex(@"^[\w./*-]+\.(cs|cshtml|csproj|props|sh|py|yml|yaml)$")]
    private static partial Regex SourceFile();

    [GeneratedRegex(@"\b(?:docs|ops|services|models|tests|contracts)/[\w./-]*\.md\b")]
    private static partial Regex PageMention();
}
