using LibGit2Sharp;

namespace GitOps.Reconciler.Git;

/// <summary>What one write asks for: an edit on an expected head, and the commit message it is written with.</summary>
/// <param name="ExpectedHead">The head the caller read (If-Match); null: whatever is current (If-Match: *).</param>
/// <param name="Edit">Computes the changes from a commit and its snapshot; pure, it may run more than once.</param>
internal sealed record WriteRequest(
    string? ExpectedHead, CommitAuthor Author, string Message, string Summary,
    Func<Repository, Commit, ConfigSnapshot, EditResult> Edit, bool ConfirmRemovingEveryPlugin);

/// <summary>A <see cref="WriteRequest"/> waiting in the <see cref="WriteQueue"/>, and where its answer goes.</summary>
internal sealed class QueuedWrite(WriteRequest request, CancellationToken cancellationToken)
{
    private readonly TaskCompletionSource<MutationOutcome> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public WriteRequest Request => request;

    public string? ExpectedHead => request.ExpectedHead;

    public CancellationToken CancellationToken => cancellationToken;

    /// <summary>How many times this write was applied and lost the branch to another writer (If-Match: * only retries).</summary>
    public int Attempts { get; set; }

    /// <summary>The head the branch was found at when the last attempt lost (for the final 409).</summary>
    public string? LastSeen { get; set; }

    /// <summary>The head the last attempt was built on.</summary>
    public string? LastTried { get; set; }

    public Task<MutationOutcome> Answered => _answer.Task;

    public bool IsAnswered => _answer.Task.IsCompleted;

    public void Answer(MutationOutcome outcome) => _answer.TrySetResult(outcome);

    public void Fail(Exception error) => _answer.TrySetException(error);

    public void Cancel() => _answer.TrySetCanceled(cancellationToken);
}

/// <summary>What a step of the write path produced. A closed set.</summary>
internal abstract record WriteStep
{
    private WriteStep() { }

    /// <summary>The write is over with <paramref name="Outcome"/>; nothing was written.</summary>
    public sealed record Done(MutationOutcome Outcome) : WriteStep;

    /// <summary>The commit object is written (not yet durable, not yet on the branch). <paramref name="Tree"/> is its
    /// validated tree, on which the next write of a batch builds.</summary>
    public sealed record Written(PendingCommit Pending, Commit Commit, TreeSnapshot Tree, ConfigSnapshot Snapshot, DateTimeOffset When) : WriteStep;
}
