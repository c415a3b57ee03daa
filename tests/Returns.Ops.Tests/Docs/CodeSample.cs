using System.Text.RegularExpressions;

namespace Returns.Ops.Tests.Docs;

/// <summary>A fenced block of a Markdown page: its language, its lines, and whether the line before it marks it as an
/// illustration (<c>&lt;!-- illustration: why --&gt;</c>), which no test runs.</summary>
public sealed partial record CodeSample(string Page, int Line, string Language, IReadOnlyList<string> Lines, bool Illustration)
{
    public override string ToString() => $"{Page}:{Line}";

    /// <summary>README.md and every page under docs/.</summary>
    public static IEnumerable<CodeSample> All() =>
        new[] { Path.Combine(Testing.RepoPaths.Root, "README.md") }
            .Concat(Directory.EnumerateFiles(Path.Combine(Testing.RepoPaths.Root, "docs"), "*.md", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal)
            .SelectMany(In);

    public static IEnumerable<CodeSample> In(string file)
    {
        var lines = File.ReadAllLines(file);
        var page = Path.GetRelativePath(Testing.RepoPaths.Root, file);
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("```", StringComparison.Ordinal))
                continue;
            var end = Array.FindIndex(lines, i + 1, l => l.StartsWith("```", StringComparison.Ordinal));
            var marked = i > 0 && lines[i - 1].StartsWith("<!-- illustration", StringComparison.Ordinal);
            yield return new CodeSample(page, i + 1, lines[i][3..].Trim(), lines[(i + 1)..end], marked);
            i = end;
        }
    }

    /// <summary>The shell commands of a bash block: continuation lines joined, comments and blank lines left out, each
    /// split into words as the shell would (quotes kept together), pipelines into their commands.</summary>
    public IEnumerable<string[]> Commands()
    {
        var joined = string.Join('\n', Lines).Replace("\\\n", " ", StringComparison.Ordinal);
        foreach (var line in joined.Split('\n'))
            foreach (var command in Words(line).Split("|"))
                if (command.Length > 0)
                    yield return command;
    }

    private static List<string> Words(string line)
    {
        var words = new List<string>();
        foreach (Match word in Word().Matches(line))
        {
            if (word.Value.StartsWith('#'))
                break;
            words.Add(word.Value.Length > 1 && word.Value[0] is '"' or '\'' && word.Value[^1] == word.Value[0] ? word.Value[1..^1] : word.Value);
        }
        return words;
    }

    [GeneratedRegex("""'[^']*'|"[^"]*"|[^\s'"]+""")]
    private static partial Regex Word();
}

internal static class ListSplit
{
    public static IEnumerable<string[]> Split(this List<string> words, string separator)
    {
        var start = 0;
        for (var i = 0; i <= words.Count; i++)
            if (i == words.Count || words[i] == separator)
            {
                yield return words.GetRange(start, i - start).ToArray();
                start = i + 1;
            }
    }
}
