using System.Data.Common;

namespace Returns.ServiceDefaults.Storage;

/// <summary>
/// Tells the storage faults apart from everything else, and remembers the first one seen in this process, so that
/// a run waiting for outcomes stops at once instead of waiting out its --timeout while every write fails.
/// </summary>
public sealed class StorageFaults
{
    private readonly TaskCompletionSource<StorageFaultException> first = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the first storage fault of this process.</summary>
    public Task<StorageFaultException> Faulted => first.Task;

    public void Report(StorageFaultException fault) => first.TrySetResult(fault);

    /// <summary>Reports <paramref name="e"/> if it is a storage fault; returns whether it was.</summary>
    public bool TryReport(Exception e)
    {
        if (Classify(e) is not { } fault)
            return false;
        Report(fault);
        return true;
    }

    public void ThrowIfFaulted()
    {
        if (first.Task.IsCompleted)
            throw first.Task.Result;
    }

    // Linux errno values as .NET reports them in IOException.HResult.
    private const int EIO = 5, EFBIG = 27, ENOSPC = 28, EROFS = 30, EDQUOT = 122;

    // SQLite primary result codes (https://sqlite.org/rescode.html).
    private const int SqliteBusy = 5, SqliteLocked = 6, SqliteReadOnly = 8, SqliteIoError = 10, SqliteCorrupt = 11, SqliteFull = 13,
        SqliteCantOpen = 14, SqliteNotADatabase = 26;

    /// <summary>The storage fault that <paramref name="e"/> (or an exception inside it) is, or null.</summary>
    public static StorageFaultException? Classify(Exception e)
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            if (current is StorageFaultException fault)
                return fault;
            if (Describe(current) is { } text)
                return new StorageFaultException(text, current);
            if (current is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions)
                    if (Classify(inner) is { } found)
                        return found;
        }
        return null;
    }

    /// <summary>A write to the data folder failed: a storage fault when the disk is full, over quota, read-only or failing.</summary>
    public static StorageFaultException? OfWrite(IOException e, string where) => (e.HResult & 0xFFFF) switch
    {
        ENOSPC or EDQUOT => new StorageFaultException($"the data disk is full ({where}): {e.Message}", e),
        EFBIG => new StorageFaultException($"a file in the data folder reached its size limit ({where}): {e.Message}", e),
        EROFS => new StorageFaultException($"the data folder is read-only ({where}): {e.Message}", e),
        EIO => new StorageFaultException($"the data disk failed ({where}): {e.Message}", e),
        _ => null,
    };

    private static string? Describe(Exception e) => e switch
    {
        IOException io => OfWrite(io, "writing")?.Message,
        DbException db when db.GetType().Name == "SqliteException" => SqliteCode(db) switch
        {
            SqliteBusy or SqliteLocked => $"the results database is locked by another process: {db.Message}",
            SqliteCorrupt or SqliteNotADatabase => $"the results database is damaged (corrupt, or not a database): {db.Message}",
            SqliteFull => $"the data disk is full (results database): {db.Message}",
            SqliteIoError or SqliteReadOnly or SqliteCantOpen => $"the results database cannot be read or written: {db.Message}",
            _ => null,
        },
        _ => null,
    };

    /// <summary>SqliteException.SqliteErrorCode, read without a reference to the SQLite package (which only the
    /// results store needs).</summary>
    private static int SqliteCode(DbException e) =>
        e.GetType().GetProperty("SqliteErrorCode")?.GetValue(e) is int code ? code : -1;
}
