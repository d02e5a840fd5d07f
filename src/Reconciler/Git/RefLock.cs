using System.Collections.Concurrent;

namespace GitOps.Reconciler.Git;

/// <summary>git's ref lock file (<c>refs/heads/&lt;branch&gt;.lock</c>), taken exclusively, and the rule that tells a lock
/// left by a dead writer from a live writer's lock.</summary>
/// <remarks>
/// <para>git and libgit2 lock a ref by creating <c>&lt;ref&gt;.lock</c> with O_CREAT|O_EXCL, writing the new value into
/// it and renaming it over the ref. The file holds no owner, so a writer killed between create and rename leaves a lock
/// that blocks every later writer until someone deletes it.</para>
/// <para>The stale rule (all three must hold): (1) no writer in this process holds that lock (a process-wide registry);
/// (2) no process holds an advisory <c>flock</c> on it: our writers keep the lock file open with
/// <see cref="FileShare.None"/> (which .NET implements with <c>flock(LOCK_EX)</c>) from creating it until just before
/// the rename, and the kernel drops that lock the moment the holder dies, so a live writer of ours is never broken
/// however slow its disk; (3) the file is older than
/// <c>GitOps:Repository:StaleLockAfter</c>, which covers writers that take no flock (<c>git update-ref</c>, libgit2):
/// they hold a ref lock for milliseconds. A stale lock is deleted and logged at Warning level.</para>
/// </remarks>
internal sealed partial class RefLock : IDisposable
{
    private const int FileExistsHResult = unchecked((int)0x80070050); // ERROR_FILE_EXISTS (Windows)
    private const int FileExistsErrno = 17; // EEXIST: .NET on Unix reports the raw errno as HResult
    private static readonly ConcurrentDictionary<string, byte> HeldInThisProcess = new(StringComparer.Ordinal);

    private readonly string _path;
    private FileStream? _stream;
    private bool _renamed;

    private RefLock(string path, FileStream stream)
    {
        _path = path;
        _stream = stream;
    }

    /// <summary>Takes the lock, waiting up to <paramref name="wait"/> for another writer and breaking a stale lock;
    /// null when a live writer held it all that time.</summary>
    public static RefLock? TryAcquire(string lockPath, TimeSpan wait, TimeSpan staleAfter, ILogger logger)
    {
        var deadline = Environment.TickCount64 + (long)wait.TotalMilliseconds;
        var delay = 1;
        while (true)
        {
            if (!HeldInThisProcess.TryAdd(lockPath, 0))
            {
                // Another writer of this process holds it (RefCompareAndSwap instances may share a repository).
                if (Environment.TickCount64 >= deadline) return null;
                Thread.Sleep(delay);
                delay = Math.Min(delay * 2, 50);
                continue;
            }
            try
            {
                var stream = new FileStream(lockPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 256, FileOptions.None);
                return new RefLock(lockPath, stream);
            }
            catch (IOException ex) when (ex.HResult is FileExistsHResult or FileExistsErrno || File.Exists(lockPath))
            {
                var broken = BreakIfStale(lockPath, staleAfter, logger);
                HeldInThisProcess.TryRemove(lockPath, out _);
                if (broken) continue;
                if (Environment.TickCount64 >= deadline) return null;
                Thread.Sleep(delay);
                delay = Math.Min(delay * 2, 50);
            }
            catch
            {
                HeldInThisProcess.TryRemove(lockPath, out _);
                throw;
            }
        }
    }

    /// <summary>Deletes the lock at <paramref name="lockPath"/> when its holder is gone (see the remarks); true when it did.
    /// The caller must be registered as holding the path in this process, so no writer of ours can be creating it.</summary>
    private static bool BreakIfStale(string lockPath, TimeSpan staleAfter, ILogger logger)
    {
        DateTime written;
        try
        {
            written = File.GetLastWriteTimeUtc(lockPath);
        }
        catch (IOException)
        {
            return false;
        }
        var age = WallClock() - written;
        if (age < staleAfter) return false;
        FileStream probe;
        try
        {
            // Fails while a live writer keeps it open with FileShare.None (its flock); succeeds once that process is gone.
            probe = new FileStream(lockPath, FileMode.Open, FileAccess.Read, FileShare.None);
        }
        catch (FileNotFoundException)
        {
            return true; // its writer finished meanwhile: try again at once
        }
        catch (IOException)
        {
            return false;
        }
        using (probe)
        {
            if (WallClock() - File.GetLastWriteTimeUtc(probe.SafeFileHandle) < staleAfter) return false; // replaced meanwhile
            var content = new byte[Math.Min(probe.Length, 100)];
            probe.ReadExactly(content);
            File.Delete(lockPath);
            LogStaleLockRemoved(logger, lockPath, (long)age.TotalSeconds, System.Text.Encoding.ASCII.GetString(content).Trim());
        }
        return true;
    }

    /// <summary>At start-up: removes a stale lock left by a crash (when the rule holds), else says a lock is there.</summary>
    public static void RecoverAtStartup(string lockPath, TimeSpan staleAfter, ILogger logger)
    {
        if (!File.Exists(lockPath) || !HeldInThisProcess.TryAdd(lockPath, 0)) return;
        try
        {
            if (!BreakIfStale(lockPath, staleAfter, logger) && File.Exists(lockPath)) LogLockPresent(logger, lockPath, staleAfter);
        }
        finally
        {
            HeldInThisProcess.TryRemove(lockPath, out _);
        }
    }

    public void Write(ReadOnlySpan<byte> content)
    {
        var stream = _stream ?? throw new ObjectDisposedException(nameof(RefLock));
        stream.Write(content);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Renames the lock over <paramref name="refPath"/>. The flock is released just before the rename: the renamed
    /// file becomes the ref, which readers open with a shared flock. In that instant the lock is seconds younger than any
    /// stale bound, so the age rule protects it.</summary>
    public void RenameOver(string refPath)
    {
        CloseStream();
        File.Move(_path, refPath, overwrite: true);
        _renamed = true;
    }

    public void Dispose()
    {
        if (!_renamed) File.Delete(_path);
        CloseStream();
        HeldInThisProcess.TryRemove(_path, out _);
    }

    private void CloseStream()
    {
        _stream?.Dispose();
        _stream = null;
    }

    /// <summary>File times are the system's wall clock, so the lock's age is measured against that clock too.</summary>
    private static DateTime WallClock() => TimeProvider.System.GetUtcNow().UtcDateTime;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removed stale ref lock {LockPath} ({AgeSeconds} s old, content '{LockContent}'): its writer is gone (crashed or killed); the ref itself is unchanged")]
    private static partial void LogStaleLockRemoved(ILogger logger, string lockPath, long ageSeconds, string lockContent);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ref lock {LockPath} exists at start-up; it is removed once older than {StaleAfter} if no process holds it")]
    private static partial void LogLockPresent(ILogger logger, string lockPath, TimeSpan staleAfter);
}
