using GitOps.Reconciler.Reconciliation;

namespace GitOps.Reconciler.Git.Remote;

/// <summary>Step (1) of a reconcile pass in remote mode: fetch the tracked branch, move the local branch to the remote
/// head and reload the store, so <see cref="GitConfigStore.Current"/> is the remote's state when the fetch returns.</summary>
/// <remarks>Fetches are shared through a <see cref="FetchCoalescer{T}"/>: a burst of webhook pushes costs a leading
/// fetch and at most one trailing fetch per 500 ms, and every caller gets a fetch that started after it asked.
/// A fetch that reaches the remote ends the degraded (read-only) mode; one that cannot starts it.</remarks>
public sealed class RemoteSync : IRemoteSync
{
    private readonly GitRemote _remote;
    private readonly GitConfigStore _store;
    private readonly RemoteState _state;
    private readonly FetchCoalescer<RemoteFetch> _fetches;

    public RemoteSync(GitRemote remote, GitConfigStore store, RemoteState state, TimeProvider time)
    {
        _remote = remote;
        _store = store;
        _state = state;
        _fetches = new FetchCoalescer<RemoteFetch>(FetchOnceAsync, FetchCoalescer<RemoteFetch>.DefaultMinInterval, time);
    }

    /// <summary>How many fetches actually ran.</summary>
    public long FetchCount => _fetches.FetchCount;

    public Task<RemoteFetch> FetchAsync(CancellationToken cancellationToken) => _fetches.FetchAsync(cancellationToken);

    private async Task<RemoteFetch> FetchOnceAsync(CancellationToken cancellationToken)
    {
        switch (await _remote.FetchAsync(_store.RepositoryPath, cancellationToken))
        {
            case FetchResult.Fetched { Head: var head }:
                _state.Reachable();
                _store.AdoptRemoteHead(head);
                return new RemoteFetch.Fetched(head);
            case FetchResult.Unreachable { Reason: var reason }:
                _state.Unreachable(reason);
                return new RemoteFetch.Unreachable(reason);
            default:
                var missing = $"{_remote.DisplayUrl} has no branch {_remote.Branch}";
                _state.Unreachable(missing);
                return new RemoteFetch.Unreachable(missing);
        }
    }
}
