using LibGit2Sharp;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace GitOps.Reconciler.Git;

/// <summary>The write path of the store (DESIGN §3): a mutation or revert is exactly one commit whose parent is the head it
/// was computed on, and the branch moves only if it still points there (compare-and-swap), else
/// <see cref="MutationOutcome.HeadMoved"/>.</summary>
/// <remarks>
/// <para>Three steps: (1) <b>write</b> the commit under the repository lock (read head, edit, validate, write and flush the
/// objects); (2) <b>publish</b> it through the <see cref="ICommitPublisher"/> chosen at construction, with no lock held, so
/// a slow push never blocks readers or history; (3) <b>move</b> the branch under the lock and swap the snapshot in.</para>
/// <para>Writers of one store queue on an async gate, so in-process mutations never race each other at the remote; other
/// processes (and other store instances) are caught by the compare-and-swap on the ref and by the remote's fast-forward
/// check. Objects (<see cref="LibGit2Durability"/>) and the ref are flushed to disk before a mutation returns.</para>
/// </remarks>
internal sealed partial class StoreWriter(
    GitConfigStore store, RepositoryHandle repository, TreeSnapshotReader reader, CommitSigning signing,
    StorageHealth storage, ICommitPublisher publisher, TimeProvider time, ILogger logger) : IDisposable
{
    /// <summary>How often a mutation with no expected head (If-Match: *) is re-applied when another writer wins the race.</summary>
    private const int MaxAttemptsWithoutExpectedHead = 5;

    private readonly SemaphoreSlim _writers = new(1, 1);

    public void Dispose() => _writers.Dispose();

    /// <summary>Applies one mutation as exactly one commit with compare-and-swap on the head (DESIGN §3).</summary>
    public Task<MutationOutcome> MutateAsync(MutationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var message = CommitMessage.Format(request.Summary, request.Reason, request.RequestId, request.Author, request.Trailers);
        return WriteAsync(request.ExpectedHead, request.Author, message, request.Summary, (_, _, snapshot) => request.Edit(snapshot),
            request.ConfirmRemovingEveryPlugin, cancellationToken);
    }

    /// <summary>The write path shared by mutations and reverts.</summary>
    /// <param name="edit">Computes the changes from the head commit and its snapshot, inside the lock; may run more than once.</param>
    private async Task<MutationOutcome> WriteAsync(
        string? expectedHead, CommitAuthor author, string message, string summary,
        Func<Repository, Commit, ConfigSnapshot, EditResult> edit, bool confirmRemovingEveryPlugin, CancellationToken cancellationToken)
    {
        await _writers.WaitAsync(cancellationToken);
        Attempt attempt;
        try
        {
            attempt = await AttemptAsync(expectedHead, author, message, summary, edit, confirmRemovingEveryPlugin, cancellationToken);
        }
        finally
        {
            _writers.Release();
        }
        if (attempt.Swapped) store.Announce(((MutationOutcome.Committed)attempt.Outcome).Snapshot);
        else if (attempt.CaughtUp || attempt.Outcome is MutationOutcome.Committed) store.Reload(); // the branch is at a head a catch-up adopted
        return attempt.Outcome;
    }

    private async Task<Attempt> AttemptAsync(
        string? expectedHead, CommitAuthor author, string message, string summary,
        Func<Repository, Commit, ConfigSnapshot, EditResult> edit, bool confirmRemovingEveryPlugin, CancellationToken cancellationToken)
    {
        var attempts = expectedHead is null ? MaxAttemptsWithoutExpectedHead : 1;
        string? lastSeen = null;
        string? lastTried = null;
        var caughtUp = false;
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // (1) Write: the commit and its objects are durable but not yet reachable from the branch.
            var draft = Guarded(() => repository.Use(repo => Write(repo, expectedHead, author, message, summary, edit, confirmRemovingEveryPlugin)));
            if (draft is Draft.Done done) return new Attempt(done.Outcome, done.Swapped, caughtUp);
            var written = (Draft.Written)draft;
            // (2) Publish, no lock held: remote mode pushes first; the branch moves only after the remote took it. Not
            // cancelled by the caller: a push cut off half-way could land on the remote while this store reports nothing.
            switch (await publisher.PublishAsync(written.Pending, CancellationToken.None))
            {
                case PublishResult.Proposed proposed:
                    return new Attempt(new MutationOutcome.Proposed(proposed.Branch, proposed.PullRequestUrl, proposed.Commit), false, caughtUp);
                case PublishResult.Unavailable unavailable:
                    return new Attempt(new MutationOutcome.Unavailable(unavailable.Reason), false, caughtUp);
                case PublishResult.Refused refused:
                    caughtUp = true;
                    lastSeen = refused.RemoteHead;
                    break;
                case PublishResult.Accepted:
                    // (3) Move the branch.
                    var moved = Guarded(() => repository.Use(repo => Move(repo, written, author)));
                    if (moved is Draft.Done finished) return new Attempt(finished.Outcome, finished.Swapped, caughtUp);
                    lastSeen = ((Draft.Lost)moved).Current;
                    break;
            }
            lastTried = written.Pending.Parent;
            if (expectedHead is not null)
            {
                LogHeadMoved(lastSeen ?? "", expectedHead);
                return new Attempt(new MutationOutcome.HeadMoved(lastSeen ?? "", expectedHead), false, caughtUp);
            }
            LogRetrying(written.Pending.Parent, lastSeen ?? "", attempt);
        }
        return new Attempt(new MutationOutcome.HeadMoved(lastSeen ?? "", lastTried ?? ""), false, caughtUp);
    }

    /// <summary>Step (1), inside the lock: read head, edit, validate, write the commit and flush its objects.</summary>
    private Draft Write(
        Repository repo, string? expectedHead, CommitAuthor author, string message, string summary,
        Func<Repository, Commit, ConfigSnapshot, EditResult> edit, bool confirmRemovingEveryPlugin)
    {
        var headId = repository.Branch.Read() ?? throw new InvalidOperationException($"branch {store.Branch} not found in {repository.GitDirectory}");
        if (expectedHead is not null && !string.Equals(expectedHead, headId, StringComparison.OrdinalIgnoreCase))
        {
            LogHeadMoved(headId, expectedHead);
            return new Draft.Done(new MutationOutcome.HeadMoved(headId, expectedHead));
        }
        if (CommitSigning.RefuseUnverified(store.HeadError, headId) is { } unverified) return new Draft.Done(unverified);
        var head = repo.Lookup<Commit>(headId) ?? throw new InvalidOperationException($"branch {store.Branch} points at {headId}, which is not a commit");
        return Compose(repo, head, author, message, edit, confirmRemovingEveryPlugin) switch
        {
            Composition.Made made => new Draft.Written(new PendingCommit(made.Commit, headId, summary, message), made.Snapshot, made.When),
            var refused => new Draft.Done(((Composition.Refused)refused).Outcome),
        };
    }

    /// <summary>Step (3), inside the lock: compare-and-swap the branch from the parent to the commit, and swap the snapshot in.</summary>
    private Draft Move(Repository repo, Draft.Written written, CommitAuthor author)
    {
        var (commit, parent, summary, _) = written.Pending;
        var identity = new ReflogIdentity(author.Name, author.Email, written.When);
        var update = repository.Branch.TryUpdate(parent, commit, identity, $"gitops: {summary}");
        if (update is RefUpdate.Updated)
        {
            store.Swap(written.Snapshot);
            storage.Recovered();
            LogCommitted(commit, parent, summary);
            return new Draft.Done(new MutationOutcome.Committed(commit, parent, written.Snapshot), Swapped: true);
        }
        var current = update switch
        {
            RefUpdate.Moved moved => moved.Current,
            RefUpdate.Contended contended => contended.Current,
            _ => null,
        };
        // A catch-up adopted the pushed commit (or a later one) before the branch moved here: the commit is on the branch.
        if (current is not null && RepositoryHandle.IsAncestor(repo, commit, current))
        {
            LogCommitted(commit, parent, summary);
            return new Draft.Done(new MutationOutcome.Committed(commit, parent, written.Snapshot));
        }
        return new Draft.Lost(current);
    }

    /// <summary>Runs a locked step; a full or read-only data directory becomes <see cref="MutationOutcome.StorageFailed"/>.</summary>
    private Draft Guarded(Func<Draft> step) => Guarded(step, failed => new Draft.Done(failed));

    /// <summary>Builds the plugins a mutation touched from the files already in memory (the base plugin plus the
    /// changes) and caches them under their new tree ids, so validating the result reads no blob back from git.</summary>
    private void PrebuildChangedPlugins(ConfigSnapshot baseSnapshot, ImmutableDictionary<string, ReadOnlyMemory<byte>?> changes, Tree newRoot)
    {
        var prefix = SnapshotBuilder.PluginsFolder + "/";
        var byPlugin = changes
            .Where(c => c.Key.StartsWith(prefix, StringComparison.Ordinal))
            .GroupBy(c => c.Key.Split('/')[1], StringComparer.Ordinal);
        foreach (var group in byPlugin)
        {
            var name = group.Key;
            if (group.Any(c => c.Key.Count(ch => ch == '/') != 2)) continue; // subfolders: let the reader report them
            if (baseSnapshot.FindPlugin(name) is not { } basePlugin) continue;
            if (newRoot[prefix + name] is not { TargetType: TreeEntryTargetType.Tree } folder) continue;
            var files = basePlugin.Files.ToBuilder();
            foreach (var (path, content) in group)
            {
                var file = path[(prefix.Length + name.Length + 1)..];
                if (content is null) files.Remove(file);
                else files[file] = content.Value;
            }
            reader.BuildPlugin(name, files.ToImmutable(), folder.Target.Sha);
        }
    }

    /// <summary>What a locked step produced. A closed set.</summary>
    private abstract record Draft
    {
        private Draft() { }

        /// <summary>The write is over (<paramref name="Swapped"/>: <see cref="GitConfigStore.Current"/> is the new commit).</summary>
        public sealed record Done(MutationOutcome Outcome, bool Swapped = false) : Draft;

        /// <summary>The commit is written; it still has to be published and the branch moved.</summary>
        public sealed record Written(PendingCommit Pending, ConfigSnapshot Snapshot, DateTimeOffset When) : Draft;

        /// <summary>The branch moved elsewhere (to <paramref name="Current"/>) before ours could.</summary>
        public sealed record Lost(string? Current) : Draft;
    }

    private sealed record Attempt(MutationOutcome Outcome, bool Swapped, bool CaughtUp);

    [LoggerMessage(Level = LogLevel.Information, Message = "Committed {Head} on {PreviousHead}: {Summary}")]
    private partial void LogCommitted(string head, string previousHead, string summary);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mutation refused: branch is at {CurrentHead}, caller expected {ExpectedHead}")]
    private partial void LogHeadMoved(string currentHead, string expectedHead);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Branch moved under us from {ExpectedHead} to {CurrentHead}; retrying (attempt {Attempt})")]
    private partial void LogRetrying(string expectedHead, string currentHead, int attempt);
}
