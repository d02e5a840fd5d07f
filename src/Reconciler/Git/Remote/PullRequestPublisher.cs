namespace GitOps.Reconciler.Git.Remote;

/// <summary>Pull-request mode (<c>GitOps:Mutations:Mode=PullRequest</c>): a mutation's commit goes to a new branch on the
/// remote and a pull request into the tracked branch is opened; the tracked branch does not move.</summary>
public sealed class PullRequestPublisher(GitRemote remote, RemoteState state, PullRequestProposer proposer, RepositoryHandle repository) : ICommitPublisher
{
    public bool IsRemote => true;

    /// <summary>One pull request per mutation: commits are proposed one at a time, never batched.</summary>
    public bool CarriesBatch => false;

    public async Task<PublishResult> PublishAsync(PendingCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var branch = PullRequestProposer.BranchName(commit.Summary, commit.Commit);
        switch (await remote.PushAsync(repository.GitDirectory, commit.Commit, $"refs/heads/{branch}", cancellationToken))
        {
            case PushResult.Pushed:
                break;
            case PushResult.Unreachable unreachable:
                state.Unreachable(unreachable.Reason);
                return PushPublisher.ReadOnly(unreachable.Reason);
            case PushResult.Declined declined:
                return new PublishResult.Unavailable(declined.Reason);
            default:
                return new PublishResult.Unavailable($"the remote refused the new branch {branch}");
        }
        var body = $"{commit.Message.Trim()}\n\nProposed by gitops-reconciler. The change applies when this pull request is merged into `{remote.Branch}`.";
        return await proposer.OpenAsync(branch, remote.Branch, commit.Summary, body, cancellationToken) switch
        {
            ProposalResult.Opened opened => new PublishResult.Proposed(branch, opened.Url, commit.Commit),
            ProposalResult.Failed failed => new PublishResult.Unavailable(failed.Reason),
            _ => throw new InvalidOperationException("unknown proposal result"),
        };
    }
}
