namespace GitOps.Reconciler.Git.Drafts;

public sealed partial class DraftStore
{
    private const int PublishAttempts = 3;

    /// <summary>Publishes an Open draft as one commit on the tracked branch (docs/DRAFTS.md): the draft's whole change
    /// (base..head), rebased onto the tracked head when the commits in between touch none of its files; summary = the title,
    /// trailers <c>Draft:</c> and one <c>Approved-By:</c> per valid approval. The commit goes through
    /// <see cref="GitConfigStore.MutateAsync"/> like every mutation (validated, pushed in remote mode, then reconciled).</summary>
    /// <param name="expectedHead">The draft head the caller read (If-Match); null: whatever it is now.</param>
    /// <remarks>Publishes of this store run one at a time, so of two publishes of one draft the second finds it Published.</remarks>
    public async Task<DraftOutcome> PublishAsync(
        string id, string? expectedHead, CommitAuthor caller, string requestId, int requiredApprovals, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await _publishing.WaitAsync(cancellationToken);
        try
        {
            MutationOutcome outcome = new MutationOutcome.NoChange("");
            for (var attempt = 0; attempt < PublishAttempts; attempt++)
            {
                var prepared = _repository.Use(repo => Prepare(repo, id, expectedHead, requiredApprovals));
                if (prepared.Outcome is { } refused) return refused;
                var plan = prepared.Value!;
                if (plan.PublishedAs is { } earlier)
                {
                    // An earlier publish landed its commit but stopped (a crash) before it recorded it: record it now, and
                    // answer as for any draft published before (nothing is written on the branch a second time).
                    LogPublishRecovered(id, earlier);
                    var recorded = MarkPublished(id, caller, earlier, plan.Draft);
                    return recorded is DraftOutcome.Published published ? new DraftOutcome.Closed(published.Draft) : recorded;
                }
                var request = new MutationRequest(plan.BranchHead, caller, plan.Draft.Record.Title, null, requestId, _ => new EditResult.Changes(plan.Files))
                {
                    Trailers = [new CommitTrailer("Draft", id), .. plan.Draft.ValidApprovals.Select(a => new CommitTrailer("Approved-By", $"{a.Name} <{a.Email}>"))],
                };
                outcome = await _store.MutateAsync(request, cancellationToken);
                switch (outcome)
                {
                    case MutationOutcome.Committed committed:
                        return MarkPublished(id, caller, committed.Head, plan.Draft);
                    case MutationOutcome.NoChange:
                        return new DraftOutcome.Empty(id);
                    case MutationOutcome.HeadMoved:
                        continue; // another writer moved the tracked branch: check the overlap again on the new head
                    default:
                        return new DraftOutcome.Failed(outcome);
                }
            }
            return new DraftOutcome.Failed(outcome);
        }
        finally
        {
            _publishing.Release();
        }
    }

    /// <summary>Every check of a publish, and the change it writes. Inside the repository lock.</summary>
    private DraftStep<PublishPlan> Prepare(LibGit2Sharp.Repository repo, string id, string? expectedHead, int requiredApprovals)
    {
        if (_refs.Read(repo, id) is not { } stored) return new DraftOutcome.NotFound(id);
        var draft = Info(repo, stored.Record, out var changes);
        if (stored.Record.State != DraftState.Open) return new DraftOutcome.Closed(draft);
        var branchHead = _repository.Branch.Read() ?? throw new InvalidOperationException($"branch {_store.Branch} not found");
        // A publish that stopped between its commit and the metadata update left that commit on the branch: record it instead.
        if (PublishedBy(repo, id, stored.Record.Base, branchHead) is { } earlier)
            return new PublishPlan(draft, branchHead, ImmutableDictionary<string, ReadOnlyMemory<byte>?>.Empty, earlier.Sha);
        if (expectedHead is not null && !string.Equals(expectedHead, draft.Head, StringComparison.OrdinalIgnoreCase))
            return new DraftOutcome.Stale(draft.Head, expectedHead);
        var approved = draft.ValidApprovals.Length;
        if (approved < requiredApprovals) return new DraftOutcome.ApprovalsMissing(requiredApprovals - approved, requiredApprovals);
        var files = DraftChanges.Files(repo, changes);
        if (files.IsEmpty) return new DraftOutcome.Empty(id);
        if (!string.Equals(branchHead, stored.Record.Base, StringComparison.OrdinalIgnoreCase))
        {
            var overlap = DraftChanges.Differing(repo, stored.Record.Base, branchHead, files.Keys);
            if (!overlap.IsEmpty)
            {
                LogPublishConflict(id, overlap.Length, draft.Head, branchHead);
                return new DraftOutcome.Conflict(overlap, draft.Head, branchHead);
            }
        }
        return new PublishPlan(draft, branchHead, files);
    }

    /// <summary>Records the publish in the draft's metadata (compare-and-swap, re-read when another process moved it).</summary>
    /// <param name="draft">The draft as read before the publish; its commits and plugins are what was published.</param>
    private DraftOutcome MarkPublished(string id, CommitAuthor caller, string commit, DraftInfo draft) => _repository.Use<DraftOutcome>(repo =>
    {
        var who = DraftPerson.Of(caller);
        for (var attempt = 0; attempt < PublishAttempts; attempt++)
        {
            var stored = _refs.Read(repo, id) ?? throw new InvalidOperationException($"draft '{id}' vanished while it was published as {commit}");
            var when = _time.GetUtcNow();
            var record = stored.Record with { State = DraftState.Published, Published = new DraftPublication(commit, when), ClosedHead = draft.Head };
            if (!_refs.TryWrite(repo, stored.MetadataCommit, record, $"draft {id}: published as {commit} by {who}", who, when)) continue;
            LogPublished(id, commit, who.Email);
            // While the branch still points at the head that was published, the commits and plugins read before the publish
            // are still true: no second commit walk and tree diff.
            return new DraftOutcome.Published(commit, string.Equals(_refs.Head(record), draft.Head, StringComparison.OrdinalIgnoreCase)
                ? draft with { Record = record }
                : Info(repo, record));
        }
        throw new InvalidOperationException($"draft '{id}' was published as {commit}, but its metadata kept moving under us ({DraftRefs.MetadataRef(id)})");
    });

    /// <summary>The draft, the tracked head it is published on and the files it writes there.</summary>
    /// <param name="PublishedAs">The commit that already published the draft (an earlier publish stopped before recording
    /// it); then nothing is written.</param>
    private sealed record PublishPlan(DraftInfo Draft, string BranchHead, ImmutableDictionary<string, ReadOnlyMemory<byte>?> Files, string? PublishedAs = null);

    [LoggerMessage(Level = LogLevel.Information, Message = "Draft {DraftId} published as {Commit} by {Author}")]
    private partial void LogPublished(string draftId, string commit, string author);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Draft {DraftId} was published as {Commit} by a publish that stopped before recording it; recorded now")]
    private partial void LogPublishRecovered(string draftId, string commit);

    [LoggerMessage(Level = LogLevel.Information, Message = "Draft {DraftId} not published: {Count} of its files changed on the branch since its base (draft {DraftHead}, branch {BranchHead})")]
    private partial void LogPublishConflict(string draftId, int count, string draftHead, string branchHead);
}
