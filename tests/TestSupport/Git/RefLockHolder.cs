using GitOps.Reconciler.Git;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitOps.TestSupport.Git;

/// <summary>Takes a branch's ref lock exactly as the store's writer does (<see cref="RefLock"/>) and keeps it, for the
/// stale-lock tests: the process that calls this is then killed while holding it.</summary>
public static class RefLockHolder
{
    /// <summary>Takes <c>refs/heads/&lt;branch&gt;.lock</c> with the new value written into it, as a writer between
    /// "lock taken" and "renamed over the ref" has it; returns the handle (dispose to release without renaming).</summary>
    public static IDisposable Hold(string gitDirectory, string branch, string newValue)
    {
        var refs = new RefCompareAndSwap(gitDirectory, $"refs/heads/{branch}");
        var held = RefLock.TryAcquire(refs.LockPath, TimeSpan.FromSeconds(5), TimeSpan.FromHours(1), NullLogger.Instance)
            ?? throw new InvalidOperationException($"{refs.LockPath} is held by someone else");
        held.Write(System.Text.Encoding.ASCII.GetBytes(newValue + "\n"));
        return held;
    }
}
