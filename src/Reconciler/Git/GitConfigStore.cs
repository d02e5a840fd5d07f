using GitOps.Reconciler.Signing;
using LibGit2Sharp;
using Microsoft.Extensions.Options;

namespace GitOps.Reconciler.Git;

/// <summary>The git-backed config store: a bare repository whose branch head is the desired state.</summary>
/// <remarks>
/// Reads are served from <see cref="Current"/>, an immutable snapshot held in memory; reloads, writes, history and review
/// reads touch libgit2 through one shared <see cref="RepositoryHandle"/> (one lock, never held across a network call).
/// This class is the lifecycle (open, seed, reload) and the entry point; the parts live in <see cref="StoreWriter"/>
/// (mutations and reverts), <see cref="StoreHistory"/>, <see cref="ReviewReads"/>, <see cref="CommitSigning"/> and
/// <see cref="StorageHealth"/>. Where a commit goes before the branch moves is the <see cref="ICommitPublisher"/> chosen
/// here, at construction (default: <see cref="LocalPublisher"/>). Snapshots are built through a cache keyed by git tree
/// id, so an unchanged plugin folder is never re-read.
/// </remarks>
public sealed partial class GitConfigStore : IDisposable
{
    /// <summary>The most entries <see cref="History"/> returns, whatever the query asks.</summary>
    public const int MaxHistoryLimit = 1000;

    private readonly RepositoryOptions _options;
    private readonly RepositoryHandle _repository;
    private readonly TreeSnapshotReader _reader;
    private readonly CommitSigning _signing;
    private readonly StorageHealth _storage;
    private readonly StoreWriter _writer;
    private readonly StoreHistory _history;
    private readonly ReviewReads _review;
    private readonly TimeProvider _time;
    private readonly ILogger<GitConfigStore> _logger;
    private volatile ConfigSnapshot _current = ConfigSnapshot.Empty;
    private volatile HeadProblem? _headError;

    /// <param name="repository">The shared repository handle; by default the store makes its own.</param>
    /// <param name="publisher">Where commits go before the branch moves; by default nowhere (<see cref="LocalPublisher"/>).</param>
    public GitConfigStore(
        IOptions<RepositoryOptions> options, SnapshotBuilder builder, TimeProvider time, ILogger<GitConfigStore> logger,
        RepositoryHandle? repository = null, ICommitPublisher? publisher = null, Observability.GitOpsMetrics? metrics = null)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        _repository = repository ?? new RepositoryHandle(options);
        _reader = new TreeSnapshotReader(builder, new SnapshotCache(), SnapshotIndex.For(_repository.GitDirectory, builder, logger));
        _signing = new CommitSigning(logger, metrics);
        _storage = new StorageHealth(_repository.GitDirectory, System.IO.Path.GetFullPath(_options.Path), time, logger);
        _writer = new StoreWriter(this, _repository, _reader, _signing, _storage, publisher ?? LocalPublisher.Instance, time, logger);
        _history = new StoreHistory(_repository, _reader, _signing);
        _review = new ReviewReads(_repository, _options, _signing);
    }

    /// <summary>Raised after <see cref="Current"/> changed (a commit of ours, or a reload that found a new valid head).
    /// Raised outside the repository lock, on the thread that made the change.</summary>
    public event Action<ConfigSnapshot>? SnapshotChanged;

    /// <summary>The git directory: <c>{Path}/repo.git</c>, or <c>{Path}/.git</c> of a local working clone (see <see cref="RepositoryLayout"/>).</summary>
    public string RepositoryPath => _repository.GitDirectory;

    public RepositoryLayout Layout => _repository.Layout;

    public string Branch => _options.Branch;

    /// <summary>The full name of the tracked branch, e.g. <c>refs/heads/main</c>.</summary>
    public string BranchRef => _repository.BranchRef;

    /// <summary>The last good snapshot (at the branch head unless the head is invalid; see <see cref="HeadError"/>).</summary>
    public ConfigSnapshot Current => _current;

    /// <summary>Why the branch head is not served, when it is invalid; null when <see cref="Current"/> is the head.</summary>
    public HeadProblem? HeadError => _headError;

    /// <summary>The signing and verification set-up, when attached.</summary>
    public CommitSignatures? Signatures => _signing.Signatures;

    /// <summary>The last storage fault, until a write succeeds again; null when the data directory writes fine.</summary>
    public StorageFault? StorageProblem => _storage.Problem;

    /// <summary>The identity of commits the store makes on its own (the seed, adopted remote heads).</summary>
    public static CommitAuthor SystemAuthor { get; } = new("gitops-reconciler", "gitops-reconciler@localhost");

    internal SnapshotCache Cache => _reader.Cache;

    internal SnapshotIndex? Index => _reader.Index;
    /// <summary>The edit → tree → validate → commit steps of the write path, for writers of other refs (draft branches).</summary>
    internal CommitBuilder CommitBuilder => _writer.Builder;

    /// <summary>Opens the repository, creating and seeding it on first start, and loads the head snapshot.</summary>
    public void Initialize()
    {
        _repository.Open();
        _reader.Index?.Load();
        _repository.Use(repo =>
        {
            if (_repository.Branch.Read() is not null) return 0;
            // Never write a seed commit into a developer's clone: the branch to serve must be there already.
            if (Layout.IsWorkingClone)
                throw new InvalidOperationException($"GitOps:Repository:Path {_options.Path} is a working clone without branch {_options.Branch}; commit to it or set GitOps:Repository:Branch");
            new StoreOpening(_repository, _signing, _options, _time, _logger).OpenWithoutBranch(repo);
            return 0;
        });
        Reload();
        LogOpened(RepositoryPath, _current.Head, _current.Hash);
    }

    /// <summary>Re-reads the branch head from disk (after another process wrote, or a fetch) and swaps the snapshot
    /// in if it is valid. An invalid head sets <see cref="HeadError"/> and the last good snapshot keeps serving.</summary>
    public SnapshotResult Reload()
    {
        ConfigSnapshot? changed = null;
        var result = _repository.Use(repo =>
        {
            var head = _repository.Branch.Read() ?? throw new InvalidOperationException($"branch {_options.Branch} not found in {RepositoryPath}");
            if (head == _current.Head)
            {
                _headError = null;
                return new SnapshotResult.Valid(_current);
            }
            var commit = CorruptObjectException.Guard(RepositoryPath, head, $"the head commit of {BranchRef}", () => repo.Lookup<Commit>(head))
                ?? throw new CorruptObjectException(RepositoryPath, head, $"the head commit of {BranchRef}", null);
            // Verify before apply: a head whose signature fails is treated like an invalid snapshot.
            var unverified = _signing.VerifyHead(repo, commit);
            var read = unverified is not null
                ? new SnapshotResult.Invalid(unverified.Errors)
                : CorruptObjectException.Guard(RepositoryPath, head, $"a tree or file of {BranchRef} at {head}", () => _reader.Read(commit));
            switch (read)
            {
                case SnapshotResult.Valid valid:
                    _headError = null;
                    _current = changed = valid.Snapshot;
                    LogReloaded(head, valid.Snapshot.Hash);
                    break;
                case SnapshotResult.Invalid invalid:
                    if (_headError?.Head != head) LogHeadInvalid(head, invalid.Errors.Length, _current.Head);
                    _headError = unverified ?? new HeadProblem(head, invalid.Errors);
                    break;
            }
            return read;
        });
        if (changed is not null)
        {
            _reader.Index?.Save(changed);
            SnapshotChanged?.Invoke(changed);
        }
        return result;
    }

    /// <summary>Reads and validates the snapshot at any commit (sha, branch or tag).</summary>
    public SnapshotResult ReadAt(string commitish) => _repository.Use(repo =>
        _reader.Read(FindCommit(repo, commitish) ?? throw new ArgumentException($"no commit '{commitish}'", nameof(commitish))));

    /// <summary>Applies one mutation as exactly one commit with compare-and-swap on the head (DESIGN §3).</summary>
    public Task<MutationOutcome> MutateAsync(MutationRequest request, CancellationToken cancellationToken = default) =>
        request?.Draft is { } draft ? Drafts.MutateAsync(draft, request) : _writer.MutateAsync(request!, cancellationToken);

    /// <summary>Writes a new commit on the current head that undoes the changes of commit <paramref name="sha"/>
    /// (see <see cref="StoreWriter.RevertAsync"/>).</summary>
    public Task<MutationOutcome> RevertAsync(
        string sha, string? expectedHead, CommitAuthor author, string? reason, string requestId,
        bool confirmRemovingEveryPlugin = false, CancellationToken cancellationToken = default) =>
        _writer.RevertAsync(sha, expectedHead, author, reason, requestId, confirmRemovingEveryPlugin, cancellationToken);

    /// <summary>The revert of <paramref name="sha"/> for a mutation request: on the tracked branch, or on its draft (<see cref="MutationRequest.Draft"/>).</summary>
    public Task<MutationOutcome> RevertAsync(string sha, MutationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _writer.RevertAsync(sha, request.ExpectedHead, request.Author, request.Reason, request.RequestId, request.ConfirmRemovingEveryPlugin, cancellationToken,
            request.Draft is { } draft ? (expected, author, message, edit, confirm) => Drafts.WriteAsync(draft, expected, author, message, edit, confirm) : null);
    }

    /// <summary>Commits reachable from the branch head, newest first, that touched the given plugin and/or source.</summary>
    public ImmutableArray<HistoryEntry> History(HistoryQuery query) => _history.List(query).Entries;

    /// <summary>Like <see cref="History"/>, but a history cut short by a missing or damaged commit (a deleted parent)
    /// answers with the commits it could read and a note naming the object, instead of failing.</summary>
    public HistoryPage HistoryWithNote(HistoryQuery query) => _history.List(query);

    /// <summary>One commit with its per-file unified patch against its first parent; null when there is no such commit.</summary>
    public CommitDetails? GetCommit(string sha) => _history.GetCommit(sha);

    /// <summary>Fetches one ref from a remote URL for review, without moving the tracked branch (see <see cref="ReviewReads"/>).</summary>
    public Task<CommitFetch> FetchForReviewAsync(string remoteUrl, string sourceRef, CancellationToken cancellationToken) =>
        _review.FetchAsync(remoteUrl, sourceRef, cancellationToken);

    /// <summary>Whether the commit is in the repository (no tree is read).</summary>
    public bool HasCommit(string sha) => _review.HasCommit(sha);

    /// <summary>The files of a commit (repository-relative path → content), or null when the commit is not in the repository.</summary>
    public ImmutableSortedDictionary<string, ReadOnlyMemory<byte>>? FilesAt(string sha) => _review.FilesAt(sha);

    /// <summary>The best common ancestor of two commits, or null when they share no history.</summary>
    public string? MergeBase(string first, string second) => _repository.MergeBase(first, second);

    /// <summary>Whether a commit (e.g. a pull request head) would pass verification under the mode; null when it would,
    /// or when verification is off.</summary>
    public VerificationFailure? VerifyCommit(string sha) => _review.VerifyCommit(sha);

    /// <summary>Attaches signing and verification before <see cref="Initialize"/> (so even the seed is signed).</summary>
    public void AttachSignatures(CommitSignatures signatures)
    {
        ArgumentNullException.ThrowIfNull(signatures);
        _signing.Attach(signatures);
    }

    /// <summary>Re-probes the data directory when a fault is recorded, so status and readiness clear without waiting for
    /// the next mutation. Cheap when there is no fault. Returns the fault that remains.</summary>
    public StorageFault? CheckStorage() => _storage.Check();

    public void Dispose()
    {
        _drafts?.Dispose();
        _reader.Index?.Save(_current); // the next start re-checks only what changed after this
        _writer.Dispose();
        _repository.Dispose();
    }

    /// <summary>A commit written by <see cref="StoreWriter"/> is the branch head now: serve it. Called inside the repository lock.</summary>
    internal void Swap(ConfigSnapshot snapshot)
    {
        _current = snapshot;
        _headError = null;
    }

    /// <summary>Tells listeners that <see cref="Current"/> changed; called outside the repository lock.</summary>
    internal void Announce(ConfigSnapshot snapshot) => SnapshotChanged?.Invoke(snapshot);

    internal static Commit? FindCommit(Repository repository, string commitish)
    {
        if (string.IsNullOrWhiteSpace(commitish)) return null;
        try
        {
            return repository.Lookup<Commit>(commitish);
        }
        catch (LibGit2SharpException)
        {
            return null; // includes AmbiguousSpecificationException
        }
    }
}

/// <summary>The branch head is invalid and is not served; <see cref="GitConfigStore.Current"/> stays on the last good snapshot.</summary>
public sealed record HeadProblem(string Head, ImmutableArray<ValidationError> Errors)
{
    /// <summary>Set when the head (or, in <c>All</c> mode, a commit before it) failed signature verification.</summary>
    public VerificationFailure? Verification { get; init; }
}
