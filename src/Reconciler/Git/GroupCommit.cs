using LibGit2Sharp;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace GitOps.Reconciler.Git;

/// <summary>Runs one batch of the <see cref="WriteQueue"/> (issue 19): every write as its own commit on top of the one
/// before, one flush for all of them, one publish, one move of the branch, then an answer to each.</summary>
/// <remarks>
/// <para>(1) <b>Write</b>, under the repository lock: each write is checked against the state it extends (a stale
/// <c>If-Match</c> answers 409 at once), edited, validated and written by <see cref="CommitBuilder"/>; refusals answer at
/// once. (2) As each commit is written, the heads the batch replaces so far are superseded in the queue, so stale writers
/// (queued or arriving) are refused before any flush.
/// (3) <b>Flush</b> the objects once. (4) <b>Publish</b> the batch's last commit with no lock held (one push carries the
/// batch; a publisher that cannot carry one, pull-request mode, gets batches of one). (5) <b>Move</b> the branch once, from
/// the head the batch started on to its last commit, and swap the snapshot in. Only then is any commit acknowledged, so a
/// crash before the move acknowledges none, and an acknowledged commit survives <c>kill -9</c>.</para>
/// <para>A batch that loses the branch to another process (or the remote to another replica) answers 409 to its writes
/// with an <c>If-Match</c> and queues the <c>If-Match: *</c> ones again (at most <see cref="MaxAttemptsWithoutExpectedHead"/> times).</para>
/// </remarks>
internal sealed partial class GroupCommit(
    GitConfigStore store, RepositoryHandle repository, TreeSnapshotReader reader, CommitBuilder builder,
    StorageHealth storage, ICommitPublisher publisher, ILogger logger)
{
    /// <summary>How often a mutation with no expected head (If-Match: *) is re-applied when another writer wins the race.</summary>
    public const int MaxAttemptsWithoutExpectedHead = 5;

    public async Task RunAsync(IReadOnlyList<QueuedWrite> batch, WriteQueue queue)
    {
        var live = new List<QueuedWrite>(batch.Count);
        foreach (var write in batch)
            if (write.CancellationToken.IsCancellationRequested) write.Cancel();
            else live.Add(write);
        if (live.Count == 0) return;

        var written = repository.Use(repo => WriteAll(repo, live, queue));
        if (written.Count == 0) return;
        var first = written[0];
        var last = written[^1];
        if (Guarded(written, () => LibGit2Durability.FlushObjects(repository.GitDirectory))) return;

        var pending = new PendingCommit(last.Step.Pending.Commit, first.Step.Pending.Parent, last.Step.Pending.Summary, last.Step.Pending.Message)
        {
            Commits = written.Count,
        };
        // Not cancelled by the callers: a push cut off half-way could land on the remote while this store reports nothing.
        switch (await publisher.PublishAsync(pending, CancellationToken.None))
        {
            case PublishResult.Proposed proposed:
                foreach (var (write, _) in written) write.Answer(new MutationOutcome.Proposed(proposed.Branch, proposed.PullRequestUrl, proposed.Commit));
                return;
            case PublishResult.Unavailable unavailable:
                foreach (var (write, _) in written) write.Answer(new MutationOutcome.Unavailable(unavailable.Reason));
                return;
            case PublishResult.Refused refused:
                store.Reload(); // the catch-up moved the branch to the remote's head
                Lost(written, refused.RemoteHead, queue);
                return;
        }
        Move(written, pending, queue);
    }

    /// <summary>Step (1), inside the lock: each write on top of the previous one; the written ones are returned. Step (2)
    /// as each commit is written: the heads it replaces are superseded, so writers that expect them are refused at once.</summary>
    private List<(QueuedWrite Write, WriteStep.Written Step)> WriteAll(Repository repo, List<QueuedWrite> writes, WriteQueue queue)
    {
        var headId = repository.Branch.Read() ?? throw new InvalidOperationException($"branch {store.Branch} not found in {repository.GitDirectory}");
        var tip = repo.Lookup<Commit>(headId) ?? throw new InvalidOperationException($"branch {store.Branch} points at {headId}, which is not a commit");
        var tipTree = reader.ReadTree(tip.Tree);
        var written = new List<(QueuedWrite, WriteStep.Written)>(writes.Count);
        foreach (var write in writes)
        {
            if (write.ExpectedHead is { } expected && !string.Equals(expected, tip.Sha, StringComparison.OrdinalIgnoreCase))
            {
                Refuse(write, tip.Sha);
                continue;
            }
            if (CommitSigning.RefuseUnverified(store.HeadError, tip.Sha) is { } unverified)
            {
                write.Answer(unverified);
                continue;
            }
            WriteStep step;
            try
            {
                step = builder.Build(repo, tip, tipTree, write.Request);
            }
            catch (Exception ex) when (storage.Failure(ex) is { } failed)
            {
                step = new WriteStep.Done(failed);
            }
            catch (Exception ex)
            {
                write.Fail(ex); // an edit that throws fails its own write only
                continue;
            }
            if (step is WriteStep.Done done)
            {
                write.Answer(done.Outcome);
                continue;
            }
            var commit = (WriteStep.Written)step;
            written.Add((write, commit));
            tip = commit.Commit;
            tipTree = commit.Tree;
            if (publisher.CarriesBatch) queue.Supersede([.. written.Select(w => w.Item2.Pending.Parent)], tip.Sha);
        }
        return written;
    }

    /// <summary>Step (5): compare-and-swap the branch from the batch's first parent to its last commit, once.</summary>
    private void Move(List<(QueuedWrite Write, WriteStep.Written Step)> written, PendingCommit pending, WriteQueue queue)
    {
        var last = written[^1].Step;
        var note = written.Count == 1 ? "" : $" (and {written.Count - 1} earlier commits of one batch)";
        var identity = new ReflogIdentity(written[^1].Write.Request.Author.Name, written[^1].Write.Request.Author.Email, last.When);
        RefUpdate? update = null;
        if (Guarded(written, () => update = repository.Use(_ =>
            {
                var result = repository.Branch.TryUpdate(pending.Parent, pending.Commit, identity, $"gitops: {pending.Summary}{note}");
                if (result is RefUpdate.Updated) store.Swap(last.Snapshot);
                return result;
            })))
            return;
        if (update is RefUpdate.Updated)
        {
            storage.Recovered();
            Acknowledge(written);
            store.Announce(last.Snapshot);
            Answer(written);
            return;
        }
        var current = update switch
        {
            RefUpdate.Moved moved => moved.Current,
            RefUpdate.Contended contended => contended.Current,
            _ => null,
        };
        // A catch-up adopted the pushed commit (or a later one) before the branch moved here: the commits are on the branch.
        if (current is not null && repository.Use(repo => RepositoryHandle.IsAncestor(repo, pending.Commit, current)))
        {
            Acknowledge(written);
            store.Reload();
            Answer(written);
            return;
        }
        if (publisher.IsRemote) store.Reload();
        Lost(written, current, queue);
    }

    /// <summary>The branch went elsewhere (<paramref name="current"/>): 409 for writes with an If-Match, again for the others.</summary>
    private void Lost(List<(QueuedWrite Write, WriteStep.Written Step)> written, string? current, WriteQueue queue)
    {
        var again = new List<QueuedWrite>();
        foreach (var (write, step) in written)
        {
            write.LastSeen = current;
            write.LastTried = step.Pending.Parent;
            write.Attempts++;
            if (write.ExpectedHead is { } expected) Refuse(write, current ?? "");
            else if (write.Attempts >= MaxAttemptsWithoutExpectedHead) write.Answer(new MutationOutcome.HeadMoved(current ?? "", step.Pending.Parent));
            else
            {
                LogRetrying(step.Pending.Parent, current ?? "", write.Attempts);
                again.Add(write);
            }
        }
        queue.Requeue(again);
    }

    /// <summary>A write whose expected head is not <paramref name="current"/>: 409 HeadMoved.</summary>
    public void Refuse(QueuedWrite write, string current)
    {
        var expected = write.ExpectedHead ?? "";
        LogHeadMoved(current, expected);
        write.Answer(new MutationOutcome.HeadMoved(current, expected));
    }

    private void Acknowledge(List<(QueuedWrite Write, WriteStep.Written Step)> written)
    {
        foreach (var (_, step) in written) LogCommitted(step.Pending.Commit, step.Pending.Parent, step.Pending.Summary);
    }

    private static void Answer(List<(QueuedWrite Write, WriteStep.Written Step)> written)
    {
        foreach (var (write, step) in written) write.Answer(new MutationOutcome.Committed(step.Pending.Commit, step.Pending.Parent, step.Snapshot));
    }

    /// <summary>Runs an I/O step for the whole batch; a full or read-only data directory answers every write
    /// <see cref="MutationOutcome.StorageFailed"/> (nothing was acknowledged) and returns true.</summary>
    private bool Guarded(List<(QueuedWrite Write, WriteStep.Written Step)> written, Action step)
    {
        try
        {
            step();
            return false;
        }
        catch (Exception ex) when (storage.Failure(ex) is { } failed)
        {
            foreach (var (write, _) in written) write.Answer(failed);
            return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Committed {Head} on {PreviousHead}: {Summary}")]
    private partial void LogCommitted(string head, string previousHead, string summary);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mutation refused: branch is at {CurrentHead}, caller expected {ExpectedHead}")]
    private partial void LogHeadMoved(string currentHead, string expectedHead);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Branch moved under us from {ExpectedHead} to {CurrentHead}; retrying (attempt {Attempt})")]
    private partial void LogRetrying(string expectedHead, string currentHead, int attempt);
}
