using LibGit2Sharp;

namespace GitOps.Reconciler.Git;

/// <summary>The write path of the store (DESIGN §3): a mutation or revert is exactly one commit whose parent is the head it
/// was computed on, and the branch moves only if it still points there (compare-and-swap), else
/// <see cref="MutationOutcome.HeadMoved"/>.</summary>
/// <remarks>
/// <para>Writes are group-committed (issue 19): callers queue in the <see cref="WriteQueue"/>; the leader runs every queued
/// write through <see cref="GroupCommit"/> as its own commit on top of the previous one, flushes them once, publishes them
/// once (remote mode: one push) with no lock held, moves the branch once and answers each. The edit → tree → validate →
/// commit steps are <see cref="CommitBuilder"/> (<see cref="Builder"/>), which writes on top of any commit, for any ref.</para>
/// <para>Other processes (and other store instances) are caught by the compare-and-swap on the ref and by the remote's
/// fast-forward check. Objects (<see cref="LibGit2Durability"/>) and the ref are flushed to disk before a mutation returns.</para>
/// </remarks>
internal sealed partial class StoreWriter : IDisposable
{
    /// <summary>The most writes one batch carries (bounds the wait of the last writer in a batch).</summary>
    private const int MaxBatch = 64;

    private readonly WriteQueue _queue;
    private readonly RepositoryHandle _repository;
    private readonly TreeSnapshotReader _reader;
    private readonly StorageHealth _storage;

    public StoreWriter(
        GitConfigStore store, RepositoryHandle repository, TreeSnapshotReader reader, CommitSigning signing,
        StorageHealth storage, ICommitPublisher publisher, TimeProvider time, ILogger logger)
    {
        Builder = new CommitBuilder(reader, signing, time);
        var group = new GroupCommit(store, repository, reader, Builder, storage, publisher, logger);
        _queue = new WriteQueue(batch => group.RunAsync(batch, _queue!), publisher.CarriesBatch ? MaxBatch : 1, group.Refuse);
        _repository = repository;
        _reader = reader;
        _storage = storage;
    }

    /// <summary>The edit → tree → validate → commit steps, for writers of other refs (e.g. draft branches).</summary>
    internal CommitBuilder Builder { get; }

    public void Dispose()
    {
        // Nothing to release: the queue holds no handle; a batch in flight answers its writers.
    }

    /// <summary>Applies one mutation as exactly one commit with compare-and-swap on the head (DESIGN §3).</summary>
    public Task<MutationOutcome> MutateAsync(MutationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var message = CommitMessage.Format(request.Summary, request.Reason, request.RequestId, request.Author, request.Trailers);
        return WriteAsync(request.ExpectedHead, request.Author, message, request.Summary, (_, _, snapshot) => request.Edit(snapshot),
            request.ConfirmRemovingEveryPlugin, cancellationToken);
    }

    /// <summary>The write path shared by mutations and reverts: queue the write and wait for its answer.</summary>
    /// <param name="edit">Computes the changes from the commit it extends and its snapshot; may run more than once.</param>
    private Task<MutationOutcome> WriteAsync(
        string? expectedHead, CommitAuthor author, string message, string summary,
        Func<Repository, Commit, ConfigSnapshot, EditResult> edit, bool confirmRemovingEveryPlugin, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled<MutationOutcome>(cancellationToken);
        var request = new WriteRequest(expectedHead, author, message, summary, edit, confirmRemovingEveryPlugin);
        return _queue.Submit(new QueuedWrite(request, cancellationToken));
    }
}
