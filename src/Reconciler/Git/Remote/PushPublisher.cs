namespace GitOps.Reconciler.Git.Remote;

/// <summary>Remote mode (DESIGN §3): a mutation's commit is pushed before the local branch moves, so the remote's
/// fast-forward check is the compare-and-swap across replicas. A refused push runs the remote catch-up, so the local
/// branch is the winner's head when the store answers 409. A group commit's batch goes in one push.</summary>
public sealed class PushPublisher(GitRemote remote, RemoteState state, RemoteCatchUp catchUp, RepositoryHandle repository) : ICommitPublisher
{
    public async Task<PublishResult> PublishAsync(PendingCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        if (state.IsReadOnly) return ReadOnly(state.Current.LastError);
        switch (await remote.PushAsync(repository.GitDirectory, commit.Commit, repository.BranchRef, cancellationToken))
        {
            case PushResult.Pushed:
                state.Reachable();
                return new PublishResult.Accepted();
            case PushResult.Refused:
                return await CatchUpAsync(cancellationToken);
            case PushResult.Declined declined:
                return new PublishResult.Unavailable(declined.Reason);
            case PushResult.Unreachable unreachable:
                state.Unreachable(unreachable.Reason);
                return ReadOnly(unreachable.Reason);
            default:
                throw new InvalidOperationException("unknown push result");
        }
    }

    /// <summary>The text of a write refused while the remote cannot be reached.</summary>
    public static PublishResult.Unavailable ReadOnly(string? reason) =>
        new($"the store is read-only: {reason ?? "the remote cannot be reached"}");

    /// <summary>Another writer won: the catch-up fetches and moves the local branch to the remote head.</summary>
    private async Task<PublishResult> CatchUpAsync(CancellationToken cancellationToken) =>
        await catchUp.RunAsync(cancellationToken) switch
        {
            FetchResult.Fetched => new PublishResult.Refused(repository.Branch.Read()),
            FetchResult.Unreachable unreachable => ReadOnly(unreachable.Reason),
            _ => ReadOnly(catchUp.MissingBranchReason),
        };

    public bool IsRemote => true;

    /// <summary>One push of the last commit carries the whole batch (git sends every commit the remote lacks).</summary>
    public bool CarriesBatch => true;
}
