using System.Text.Json;

namespace Returns.Models;

/// <summary>
/// The registry with history, kept as registry.json beside the versions it names. Every process that serves or reports
/// on a model already reads that folder, so the alias can never name a version whose files they cannot see. Changes are
/// serialised by an exclusive lock file and written to a temporary file that replaces registry.json in one rename, so a
/// reader sees the old state or the new one, never half of either.
/// </summary>
public sealed class ModelRegistry(ModelsFolder folder)
{
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(10);

    private string FilePath => Path.Combine(folder.Path, ModelsFolder.RegistryFile);

    public RegistryState Read() =>
        JsonSerializer.Deserialize<RegistryState>(File.ReadAllText(FilePath), ModelsFolder.Json)
        ?? throw new InvalidDataException($"{FilePath} names no production model");

    /// <summary>Every version with a card, with its status.</summary>
    public IReadOnlyList<RegisteredVersion> List()
    {
        var state = Read();
        return folder.Versions()
            .Select(v => (Version: v, Card: folder.FindCard(v)))
            .Where(v => v.Card is not null)
            .Select(v => new RegisteredVersion(v.Version, StatusOf(state, v.Version), v.Card!))
            .ToArray();
    }

    public static string StatusOf(RegistryState state, string version) =>
        version == state.Production ? VersionStatuses.Production
        : version == state.Shadow ? VersionStatuses.Shadow
        : VersionStatuses.Candidate;

    /// <summary>Makes <paramref name="version"/> production. Its file must match its card here; whether each worker
    /// can load it is each worker's to say.</summary>
    public RegistryEvent Promote(string version, string by, string? reason, DateTimeOffset at)
    {
        folder.Resolve(version);
        return Change(state => state.Production == version
            ? throw new RegistryConflictException($"{version} is already production")
            : (state with { Production = version, Shadow = state.Shadow == version ? null : state.Shadow },
               new RegistryEvent(RegistryActions.Promote, version, state.Production, by, at, reason)));
    }

    /// <summary>Goes back to the version that was production before the current one took over.</summary>
    public RegistryEvent Rollback(string by, string? reason, DateTimeOffset at) => Change(state =>
    {
        var takeover = state.History.LastOrDefault(e => e.Action is RegistryActions.Promote or RegistryActions.Rollback && e.Version == state.Production);
        if (takeover?.Previous is not { } previous)
            throw new RegistryConflictException($"the history names no version before {state.Production}");
        folder.Resolve(previous);
        return (state with { Production = previous }, new RegistryEvent(RegistryActions.Rollback, previous, state.Production, by, at, reason));
    });

    /// <summary>Puts <paramref name="version"/> in shadow (null: ends the shadow run).</summary>
    public RegistryEvent SetShadow(string? version, string by, string? reason, DateTimeOffset at)
    {
        if (version is not null)
            folder.Resolve(version);
        return Change(state => version is not null && version == state.Production
            ? throw new RegistryConflictException($"{version} is production; only a candidate can run in shadow")
            : (state with { Shadow = version },
               new RegistryEvent(version is null ? RegistryActions.EndShadow : RegistryActions.Shadow, version, state.Shadow, by, at, reason)));
    }

    /// <summary>Records a new version as a candidate (the training tool does, after it wrote the folder).</summary>
    public RegistryEvent Register(string version, string by, string? reason, DateTimeOffset at)
    {
        if (folder.FindCard(version) is null)
            throw new ModelUnavailableException(version, "it has no card");
        return Change(state => (state, new RegistryEvent(RegistryActions.Register, version, null, by, at, reason)));
    }

    private RegistryEvent Change(Func<RegistryState, (RegistryState State, RegistryEvent Event)> change)
    {
        using var held = Lock();
        var (state, happened) = change(Read());
        var temporary = FilePath + $".{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(state with { History = [.. state.History, happened] }, ModelsFolder.Json) + "\n");
        File.Move(temporary, FilePath, overwrite: true);
        return happened;
    }

    private FileStream Lock()
    {
        var deadline = DateTime.UtcNow + LockWait;
        while (true)
        {
            try
            {
                return new FileStream(FilePath + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50); // another process is changing the registry; changes take milliseconds
            }
        }
    }
}

/// <summary>The change makes no sense in the registry's current state (promote production, roll back with no history).</summary>
public sealed class RegistryConflictException(string message) : Exception(message);
