namespace GitOps.Reconciler.Git;

/// <summary>Where a mutation's commit goes after it is written and before the branch moves; chosen once, when the store
/// is constructed: <see cref="LocalPublisher"/> (embedded), <c>Remote.PushPublisher</c> (remote mode) or
/// <c>Remote.PullRequestPublisher</c> (pull-request mode).</summary>
/// <remarks>Called outside the repository lock: a slow remote delays only the writer that waits for it.</remarks>
public interface ICommitPublisher
{
    /// <summary>True when publishing reaches another process (a remote); the store then reloads after a refusal.</summary>
    bool IsRemote { get; }

    /// <summary>True when one publish may carry a batch of commits (each on top of the one before, <see cref="PendingCommit.Commits"/>
    /// &gt; 1) and the tracked branch then moves to the last; false: the store hands over one commit at a time.</summary>
    bool CarriesBatch { get; }

    Task<PublishResult> PublishAsync(PendingCommit commit, CancellationToken cancellationToken);
}

/// <summary>A commit that is written and durable but not yet reachable from the branch.</summary>
/// <param name="Commit">The new commit.</param>
/// <param name="Parent">The branch head it was made on (the compare-and-swap's expected value).</param>
/// <param name="Summary">The commit summary line (names the pull-request branch).</param>
/// <param name="Message">The full commit message (the pull request's body).</param>
public sealed record PendingCommit(string Commit, string Parent, string Summary, string Message)
{
    /// <summary>How many commits lead from <see cref="Parent"/> to <see cref="Commit"/> (a group commit's batch; 1 otherwise).
    /// <see cref="Summary"/> and <see cref="Message"/> are the last one's.</summary>
    public int Commits { get; init; } = 1;
}

/// <summary>What publishing a commit found. A closed set.</summary>
public abstract record PublishResult
{
    private PublishResult() { }

    /// <summary>Published (or nothing to publish to): move the local branch to the commit.</summary>
    public sealed record Accepted : PublishResult;

    /// <summary>Pull-request mode: the commit went to <paramref name="Branch"/> and a pull request was opened; the tracked branch stays.</summary>
    public sealed record Proposed(string Branch, string PullRequestUrl, string Commit) : PublishResult;

    /// <summary>Another writer moved the remote branch first. The remote catch-up ran: the local branch is at
    /// <paramref name="RemoteHead"/> now (null when the catch-up could not read it).</summary>
    public sealed record Refused(string? RemoteHead) : PublishResult;

    /// <summary>Nothing was published and the branch must not move (read-only store, declined push, failed pull request).</summary>
    public sealed record Unavailable(string Reason) : PublishResult;
}

/// <summary>Embedded mode: there is nowhere to publish to; the branch moves at once.</summary>
public sealed class LocalPublisher : ICommitPublisher
{
    public static LocalPublisher Instance { get; } = new();

    public bool IsRemote => false;

    public bool CarriesBatch => true;

    public Task<PublishResult> PublishAsync(PendingCommit commit, CancellationToken cancellationToken) =>
        Task.FromResult<PublishResult>(new PublishResult.Accepted());
}
