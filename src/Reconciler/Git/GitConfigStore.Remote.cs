using GitOps.Reconciler.Git.Remote;
using LibGit2Sharp;
using PushResult = GitOps.Reconciler.Git.Remote.PushResult;

namespace GitOps.Reconciler.Git;

/// <summary>Remote mode (DESIGN §3): a mutation's commit is pushed before the local branch moves, so the remote's
/// fast-forward check is the compare-and-swap across replicas; or, in pull-request mode, it goes to a new branch
/// and a pull request. Everything here runs under the store's lock, from <see cref="MutateLocked"/>.</summary>
public sealed partial class GitConfigStore
{
    private GitRemote? _remote;
    private RemoteState? _remoteState;
    private PullRequestProposer? _proposer;

    /// <summary>True when a remote is attached: mutations push before they answer.</summary>
    public bool HasRemote => _remote is not null;

    /// <summary>Attaches the remote before <see cref="Initialize"/>; with a <paramref name="proposer"/>, mutations open pull requests.</summary>
    public void AttachRemote(GitRemote remote, RemoteState state, PullRequestProposer? proposer)
    {
        ArgumentNullException.ThrowIfNull(remote);
        ArgumentNullException.ThrowIfNull(state);
        lock (_gate)
        {
            _remote = remote;
            _remoteState = state;
            _proposer = proposer;
        }
    }

    /// <summary>Moves the local branch to a fetched remote head, unless the local branch is already there or ahead
    /// (a push of ours that landed after the fetch read the remote), then reloads. Returns true when it moved.</summary>
    public bool AdoptRemoteHead(string remoteHead)
    {
        ArgumentException.ThrowIfNullOrEmpty(remoteHead);
        bool moved;
        lock (_gate) moved = AdoptLocked(remoteHead);
        Reload();
        return moved;
    }

    /// <summary>Pushes the local branch to a remote that does not have it yet (a new, empty repository: the seed goes up).</summary>
    public PushResult PushBranch()
    {
        lock (_gate)
        {
            if (_remote is null) throw new InvalidOperationException("no remote is attached");
            var head = BranchHead.Read() ?? throw new InvalidOperationException($"branch {_options.Branch} not found in {RepositoryPath}");
            return _remote.Push(RepositoryPath, head, BranchRef);
        }
    }

    /// <summary>Pushes (or proposes) a commit made on <paramref name="headId"/>. Null: pushed, or no remote; go on and move
    /// the local branch. <see cref="MutationOutcome.HeadMoved"/>: refused, and the local branch now is the remote head.</summary>
    private MutationOutcome? PublishLocked(string headId, Commit commit, string summary)
    {
        if (_remote is null || _remoteState is null) return null;
        if (_proposer is not null) return ProposeLocked(_remote, _proposer, commit, summary);
        if (_remoteState.IsReadOnly) return ReadOnly(_remoteState.Current.LastError);
        switch (_remote.Push(RepositoryPath, commit.Sha, BranchRef))
        {
            case PushResult.Pushed:
                _remoteState.Reachable();
                return null;
            case PushResult.Refused:
                return CatchUpLocked(_remote, _remoteState, headId);
            case PushResult.Declined declined:
                return new MutationOutcome.Unavailable(declined.Reason);
            case PushResult.Unreachable unreachable:
                _remoteState.Unreachable(unreachable.Reason);
                return ReadOnly(unreachable.Reason);
            default:
                throw new InvalidOperationException("unknown push result");
        }
    }

    /// <summary>Another writer won: fetch, move the local branch to the remote head, and report it as the new head.</summary>
    private MutationOutcome CatchUpLocked(GitRemote remote, RemoteState state, string headId)
    {
        switch (remote.FetchAsync(RepositoryPath, CancellationToken.None).GetAwaiter().GetResult())
        {
            case FetchResult.Fetched { Head: var remoteHead }:
                state.Reachable();
                AdoptLocked(remoteHead);
                return new MutationOutcome.HeadMoved(BranchHead.Read() ?? remoteHead, headId);
            case FetchResult.Unreachable unreachable:
                state.Unreachable(unreachable.Reason);
                return ReadOnly(unreachable.Reason);
            default:
                return new MutationOutcome.Unavailable($"the remote refused the push and has no branch {_options.Branch}");
        }
    }

    private MutationOutcome ProposeLocked(GitRemote remote, PullRequestProposer proposer, Commit commit, string summary)
    {
        var branch = PullRequestProposer.BranchName(summary, commit.Sha);
        switch (remote.Push(RepositoryPath, commit.Sha, $"refs/heads/{branch}"))
        {
            case PushResult.Pushed:
                break;
            case PushResult.Unreachable unreachable:
                _remoteState?.Unreachable(unreachable.Reason);
                return ReadOnly(unreachable.Reason);
            case PushResult.Declined declined:
                return new MutationOutcome.Unavailable(declined.Reason);
            default:
                return new MutationOutcome.Unavailable($"the remote refused the new branch {branch}");
        }
        var body = $"{commit.Message.Trim()}\n\nProposed by gitops-reconciler. The change applies when this pull request is merged into `{_options.Branch}`.";
        return proposer.OpenAsync(branch, _options.Branch, summary, body, CancellationToken.None).GetAwaiter().GetResult() switch
        {
            ProposalResult.Opened opened => new MutationOutcome.Proposed(branch, opened.Url, commit.Sha),
            ProposalResult.Failed failed => new MutationOutcome.Unavailable(failed.Reason),
            _ => throw new InvalidOperationException("unknown proposal result"),
        };
    }

    private bool AdoptLocked(string remoteHead)
    {
        var local = BranchHead.Read();
        if (string.Equals(local, remoteHead, StringComparison.OrdinalIgnoreCase)) return false;
        if (local is not null && IsAncestor(remoteHead, local)) return false;
        var identity = new ReflogIdentity(SystemAuthor.Name, SystemAuthor.Email, time.GetUtcNow());
        return BranchHead.TryUpdate(local, remoteHead, identity, "gitops: fetch") is RefUpdate.Updated;
    }

    private bool IsAncestor(string ancestor, string descendant)
    {
        var a = Repo.Lookup<Commit>(ancestor);
        var d = Repo.Lookup<Commit>(descendant);
        return a is not null && d is not null && Repo.ObjectDatabase.FindMergeBase(a, d)?.Sha == a.Sha;
    }

    private static MutationOutcome.Unavailable ReadOnly(string? reason) =>
        new($"the store is read-only: {reason ?? "the remote cannot be reached"}");
}
