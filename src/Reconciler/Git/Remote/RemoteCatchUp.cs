namespace GitOps.Reconciler.Git.Remote;

/// <summary>The one way the local branch catches up with the remote: fetch the tracked branch, check ancestry, adopt the
/// remote head, and record whether the remote answered (<see cref="RemoteState"/>). Used by start-up
/// (<see cref="PrepareAsync"/>), by a push another writer beat (<see cref="PushPublisher"/>) and by the reconcile pass
/// (through <see cref="RemoteSync"/>, the <c>IRemoteSync</c> seam).</summary>
/// <remarks>
/// <para>Steps, in order: (1) fetch into <c>refs/remotes/origin/{branch}</c>; (2) when the remote has the branch, move the
/// local branch to its head unless the local branch is already there or ahead of it (ancestor check,
/// <see cref="RepositoryHandle.Adopt"/>); (3) state: reachable when the remote answered with the branch, read-only otherwise.</para>
/// <para>One rule for a missing branch: a remote that answers without the tracked branch leaves the store read-only with
/// the reason "{remote} has no branch {branch}" (a write would have nowhere to go), until a catch-up finds the branch or
/// <see cref="PublishBranchAsync"/> creates it (start-up does that for a new, empty remote).</para>
/// <para>Catch-ups are shared through a <see cref="FetchCoalescer{T}"/>: every caller gets one that started after it asked,
/// a burst costs a leading and at most one trailing fetch per 500 ms. <see cref="FetchCount"/> counts the fetches that ran.
/// The caller reloads the store's snapshot afterwards (the catch-up only moves the ref).</para>
/// </remarks>
public sealed partial class RemoteCatchUp
{
    private readonly GitRemote _remote;
    private readonly RemoteState _state;
    private readonly RepositoryHandle _repository;
    private readonly TimeProvider _time;
    private readonly ILogger<RemoteCatchUp> _logger;
    private readonly FetchCoalescer<FetchResult> _fetches;

    public RemoteCatchUp(GitRemote remote, RemoteState state, RepositoryHandle repository, TimeProvider time, ILogger<RemoteCatchUp> logger)
    {
        _remote = remote;
        _state = state;
        _repository = repository;
        _time = time;
        _logger = logger;
        _fetches = new FetchCoalescer<FetchResult>(CatchUpOnceAsync, FetchCoalescer<FetchResult>.DefaultMinInterval, time);
    }

    /// <summary>How many fetches of the tracked branch ran (start-up, refused pushes and passes together).</summary>
    public long FetchCount => _fetches.FetchCount;

    /// <summary>Why the store is read-only when the remote has no tracked branch (the missing-branch rule).</summary>
    public string MissingBranchReason => $"{_remote.DisplayUrl} has no branch {_remote.Branch}";

    /// <summary>Fetches and adopts the remote head (steps above); waits for a catch-up that started after this call.
    /// Failures are outcomes: <see cref="FetchResult.Unreachable"/> or <see cref="FetchResult.NoBranch"/>.</summary>
    public Task<FetchResult> RunAsync(CancellationToken cancellationToken) => _fetches.FetchAsync(cancellationToken);

    /// <summary>Start-up: makes sure the data directory is a clone of the configured remote (or says whose clone it is),
    /// opens the repository and runs the first catch-up. Does not open the store.</summary>
    public async Task<RemotePreparation> PrepareAsync(CancellationToken cancellationToken)
    {
        if (_remote.PrepareClone(_repository.GitDirectory) is { } mismatch) return mismatch;
        _repository.Open();
        return new RemotePreparation.Ready(await RunAsync(cancellationToken));
    }

    /// <summary>Pushes the local branch to a remote that does not have it yet (a new, empty repository: the seed goes up);
    /// a successful push makes the store read-write.</summary>
    public async Task<PushResult> PublishBranchAsync(CancellationToken cancellationToken)
    {
        var head = _repository.Branch.Read() ?? throw new InvalidOperationException($"{_repository.BranchRef} not found in {_repository.GitDirectory}");
        var pushed = await _remote.PushAsync(_repository.GitDirectory, head, _repository.BranchRef, cancellationToken);
        if (pushed is PushResult.Pushed) _state.Reachable();
        return pushed;
    }

    private async Task<FetchResult> CatchUpOnceAsync(CancellationToken cancellationToken)
    {
        var fetched = await _remote.FetchAsync(_repository.GitDirectory, cancellationToken);
        switch (fetched)
        {
            case FetchResult.Fetched { Head: var head }:
                _state.Reachable();
                var identity = new ReflogIdentity(GitConfigStore.SystemAuthor.Name, GitConfigStore.SystemAuthor.Email, _time.GetUtcNow());
                if (_repository.Adopt(head, identity, $"gitops: fetch from {_remote.DisplayUrl}")) LogAdopted(_repository.BranchRef, head);
                break;
            case FetchResult.NoBranch:
                _state.Unreachable(MissingBranchReason);
                break;
            case FetchResult.Unreachable { Reason: var reason }:
                _state.Unreachable(reason);
                break;
        }
        return fetched;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Moved {BranchRef} to the remote head {Head}")]
    private partial void LogAdopted(string branchRef, string head);
}
