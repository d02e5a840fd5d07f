using LibGit2Sharp;

namespace GitOps.Reconciler.Git;

/// <summary>Why the data directory cannot be written.</summary>
public enum StorageFaultKind
{
    /// <summary>ENOSPC or EDQUOT: the volume (or the quota) is full.</summary>
    OutOfSpace,

    /// <summary>EROFS: the volume is mounted read-only.</summary>
    ReadOnly,
}

/// <summary>The data directory refused a write (disk full, read-only file system). Reads go on; writes are refused with
/// this until a write (or <see cref="GitConfigStore.CheckStorage"/>) succeeds again.</summary>
public sealed record StorageFault(StorageFaultKind Kind, string Message, DateTimeOffset Since);

/// <summary>Tells a storage fault from other I/O errors. libgit2 reports a failed object write without errno
/// (<c>LibGit2SharpException: no error</c>), so after any write error the data directory is probed with a small
/// write of its own, whose errno says what is wrong.</summary>
internal static class StorageFaults
{
    private const int NoSpace = 28; // ENOSPC: .NET on Unix reports the raw errno as HResult
    private const int ReadOnlyFileSystem = 30; // EROFS
    private const int QuotaExceeded = 122; // EDQUOT (Linux)
    private const int DiskFullWindows = unchecked((int)0x80070070); // ERROR_DISK_FULL
    private const int ProbeBytes = 64 * 1024;

    /// <summary>The fault behind <paramref name="error"/>, or null when the data directory writes fine (another error).</summary>
    public static StorageFaultKind? Classify(Exception error, string directory)
    {
        if (KindOf(error) is { } direct) return direct;
        if (error is not (IOException or LibGit2SharpException or UnauthorizedAccessException)) return null;
        return Probe(directory);
    }

    /// <summary>Writes, flushes and deletes a small file in <paramref name="directory"/>; the fault it hit, or null.</summary>
    public static StorageFaultKind? Probe(string directory)
    {
        var path = Path.Combine(directory, $".gitops-write-probe-{Environment.ProcessId}");
        try
        {
            using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.DeleteOnClose))
            {
                stream.Write(new byte[ProbeBytes]);
                stream.Flush(flushToDisk: true);
            }
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(path);
            return KindOf(ex);
        }
    }

    public static string Describe(StorageFaultKind kind, string dataDirectory) => kind switch
    {
        StorageFaultKind.OutOfSpace =>
            $"the data directory {dataDirectory} is out of space (ENOSPC); nothing was written. Free space on that volume or grow it; writes resume by themselves",
        StorageFaultKind.ReadOnly =>
            $"the data directory {dataDirectory} is on a read-only file system (EROFS); nothing was written. Remount it read-write; writes resume by themselves",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static StorageFaultKind? KindOf(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e.HResult)
            {
                case NoSpace or QuotaExceeded or DiskFullWindows: return StorageFaultKind.OutOfSpace;
                case ReadOnlyFileSystem: return StorageFaultKind.ReadOnly;
            }
            if (e is UnauthorizedAccessException && e.Message.Contains("Read-only file system", StringComparison.OrdinalIgnoreCase)) return StorageFaultKind.ReadOnly;
        }
        return null;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // On a read-only file system the probe was never created.
        }
    }
}
