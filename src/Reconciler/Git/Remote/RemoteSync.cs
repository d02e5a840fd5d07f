using GitOps.Reconciler.Reconciliation;

namespace GitOps.Reconciler.Git.Remote;

/// <summary>Step (1) of a reconcile pass in remote mode (the <see cref="IRemoteSync"/> seam): the remote catch-up
/// (<see cref="RemoteCatchUp"/>), then a reload, so <see cref="GitConfigStore.Current"/> is the remote's state when the
/// fetch returns. Also used by degraded-mode recovery.</summary>
public sealed class RemoteSync(RemoteCatchUp catchUp, GitConfigStore store) : IRemoteSync
{
    /// <summary>How many fetches actually ran (every caller of the catch-up counted, not only passes).</summary>
    public long FetchCount => catchUp.FetchCount;

    public async Task<RemoteFetch> FetchAsync(CancellationToken cancellationToken)
    {
        var fetched = await catchUp.RunAsync(cancellationToken);
        switch (fetched)
        {
            case FetchResult.Fetched { Head: var head }:
                store.Reload();
                return new RemoteFetch.Fetched(head);
            case FetchResult.Unreachable { Reason: var reason }:
                return new RemoteFetch.Unreachable(reason);
            default:
                return new RemoteFetch.Unreachable(catchUp.MissingBranchReason);
        }
    }
}
