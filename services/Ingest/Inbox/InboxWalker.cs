using Returns.Contracts;

namespace Returns.Ingest.Inbox;

/// <summary>One entry of the inbox: a file to read, or something skipped with its reason.</summary>
public sealed record InboxEntry(string RelativePath, string? SkipReason = null, string? SkipDetail = null)
{
    public bool Skipped => SkipReason is not null;
}

/// <summary>
/// Lists an inbox without ever following a link: a linked folder is reported, not entered, so no loop and no
/// folder outside the inbox is reachable. Depth and entry count are bounded, and the listing is lazy, so a
/// hostile inbox costs bounded time and memory. Names are sorted within each folder for a stable order.
/// </summary>
public static class InboxWalker
{
    public static IEnumerable<InboxEntry> Walk(DirectoryInfo inbox, int maxDepth, int maxEntries)
    {
        var budget = maxEntries;
        return Folder(inbox, "", 0, maxDepth, () => budget--);
    }

    private static IEnumerable<InboxEntry> Folder(DirectoryInfo folder, string prefix, int depth, int maxDepth, Func<int> take)
    {
        var (children, truncated, error) = Children(folder, take);
        if (error is not null)
        {
            yield return new InboxEntry(prefix == "" ? "(inbox)" : prefix.TrimEnd('/'), RejectionReasons.Unreadable,
                $"a folder that could not be listed ({error}); nothing in it was read");
            yield break;
        }
        foreach (var child in children.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            var path = prefix + child.Name;
            if (child.Name.Contains('\uFFFD'))
                // .NET decodes a name that is not UTF-8 with replacement characters: that name opens nothing.
                yield return new InboxEntry(path, RejectionReasons.InvalidName,
                    "the name is not valid UTF-8, so the file cannot be opened by it (rename it)");
            else if (child.LinkTarget is not null || child.Attributes.HasFlag(FileAttributes.ReparsePoint))
                yield return new InboxEntry(path, RejectionReasons.NotARegularFile,
                    "a symbolic link; links are never followed (copy the photo itself into the inbox)");
            else if (child is DirectoryInfo directory)
            {
                if (depth >= maxDepth)
                {
                    yield return new InboxEntry(path, RejectionReasons.TooDeep, $"a folder deeper than {maxDepth} levels; not read");
                    continue;
                }
                foreach (var entry in Folder(directory, path + "/", depth + 1, maxDepth, take))
                    yield return entry;
            }
            else
                yield return new InboxEntry(path);
        }
        if (truncated)
            yield return new InboxEntry(prefix == "" ? "(inbox)" : prefix.TrimEnd('/'), RejectionReasons.InboxLimit,
                "the inbox holds more entries than Ingest:InboxMaxEntries; the rest of this folder was not read");
    }

    /// <summary>The entries of one folder, up to the entry budget; or why it could not be listed.</summary>
    private static (List<FileSystemInfo> Children, bool Truncated, string? Error) Children(DirectoryInfo folder, Func<int> take)
    {
        var children = new List<FileSystemInfo>();
        try
        {
            // IgnoreInaccessible = false: a folder that cannot be listed is reported, never taken for an empty one.
            var listing = folder.EnumerateFileSystemInfos("*",
                new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = 0, IgnoreInaccessible = false });
            foreach (var child in listing)
            {
                if (take() <= 0)
                    return (children, true, null);
                children.Add(child);
            }
            return (children, false, null);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return ([], false, e switch
            {
                UnauthorizedAccessException => "permission denied",
                DirectoryNotFoundException => "it is gone",
                _ => "input/output error",
            });
        }
    }
}
