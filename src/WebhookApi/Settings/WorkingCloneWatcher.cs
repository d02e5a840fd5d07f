using GitOps.HotReload;

namespace GitOps.WebhookApi.Settings;

/// <summary>Local development: when <c>Repository:Path</c> is a non-bare clone (<see cref="RepositoryLayout.IsWorkingClone"/>),
/// a <c>git commit</c> there is served and reconciled within a second instead of at the next interval pass.</summary>
/// <remarks>
/// A commit moves the branch by renaming <c>refs/heads/&lt;branch&gt;.lock</c> over the loose ref, so watching
/// <c>.git/refs/heads</c> (recursively: branch names may contain <c>/</c>) sees every commit, amend, reset and checkout -B.
/// On a change the store re-reads the branch head; a new valid head raises <see cref="GitConfigStore.SnapshotChanged"/>, which
/// requests the reconcile pass as for a commit made through the API. The service's own commits arrive here too and are
/// no-ops (the head is already current). Packed refs (after <c>git gc</c>) are left to the interval pass.
/// </remarks>
internal sealed partial class WorkingCloneWatcher(GitConfigStore store, ILogger<WorkingCloneWatcher> logger) : IHostedService, IDisposable
{
    private DirectoryWatcher? _watcher;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!store.Layout.IsWorkingClone) return Task.CompletedTask;
        var refs = Path.Combine(store.Layout.GitDirectory, "refs", "heads");
        Directory.CreateDirectory(refs);
        var branchFile = store.Branch.Replace('/', Path.DirectorySeparatorChar);
        _watcher = new DirectoryWatcher(
            new DirectoryWatcherOptions
            {
                Path = refs,
                IncludeSubdirectories = true,
                Debounce = TimeSpan.FromMilliseconds(100),
                FingerprintInterval = null,
                Filter = name => name == branchFile || name == branchFile + ".lock",
            },
            (_, _) =>
            {
                store.Reload();
                return Task.CompletedTask;
            },
            logger);
        _watcher.Start();
        LogWatching(logger, store.Layout.GitDirectory, store.Branch);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _watcher?.Dispose();
        _watcher = null;
        return Task.CompletedTask;
    }

    public void Dispose() => _watcher?.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving the working clone {GitDirectory}: commits to {Branch} there are reconciled at once (its work tree is never touched)")]
    private static partial void LogWatching(ILogger logger, string gitDirectory, string branch);
}
