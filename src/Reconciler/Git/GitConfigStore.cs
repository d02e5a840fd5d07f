using System.Collections.Immutable;
using GitOps.Reconciler.Configuration;
using LibGit2Sharp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitOps.Reconciler.Git;

/// <summary>The git-backed config store: a bare repository whose branch head is the desired state.</summary>
/// <remarks>
/// Reads are served from <see cref="Current"/>, an immutable snapshot held in memory; only mutations,
/// history and reloads touch libgit2 (serialised by one lock: a libgit2 repository handle is not meant for
/// concurrent use). Snapshots are built through a cache keyed by git tree id, so an unchanged plugin folder is
/// never re-read. A mutation is one commit whose parent is the expected head, and the branch moves only if it
/// still points there (<see cref="RefCompareAndSwap"/>, safe against other processes), otherwise
/// <see cref="MutationOutcome.HeadMoved"/>. Objects (<see cref="LibGit2Durability"/>) and the ref are flushed to disk before a mutation returns.
/// </remarks>
public sealed partial class GitConfigStore(
    IOptions<RepositoryOptions> options,
    SnapshotBuilder builder,
    TimeProvider time,
    ILogger<GitConfigStore> logger,
    Observability.GitOpsMetrics? metrics = null) : IDisposable
{
    private readonly RepositoryOptions _options = options.Value;
    private readonly Lock _gate = new();
    private readonly TreeSnapshotReader _reader = new(builder, new SnapshotCache());
    private Repository? _repository;
    private RefCompareAndSwap? _branchRef;
    private volatile ConfigSnapshot _current = ConfigSnapshot.Empty;
    private volatile HeadProblem? _headError;

    /// <summary>Raised after <see cref="Current"/> changed (a commit of ours, or a reload that found a new valid head).
    /// Raised outside the store's lock, on the thread that made the change.</summary>
    public event Action<ConfigSnapshot>? SnapshotChanged;

    /// <summary>The git directory: <c>{Path}/repo.git</c>, or <c>{Path}/.git</c> of a local working clone (see <see cref="RepositoryLayout"/>).</summary>
    public string RepositoryPath => Layout.GitDirectory;

    public RepositoryLayout Layout { get; } = RepositoryLayout.For(options.Value);

    public string Branch => _options.Branch;

    /// <summary>The full name of the tracked branch, e.g. <c>refs/heads/main</c>.</summary>
    public string BranchRef => $"refs/heads/{_options.Branch}";

    /// <summary>The last good snapshot (at the branch head unless the head is invalid; see <see cref="HeadError"/>).</summary>
    public ConfigSnapshot Current => _current;

    /// <summary>Why the branch head is not served, when it is invalid; null when <see cref="Current"/> is the head.</summary>
    public HeadProblem? HeadError => _headError;

    internal SnapshotCache Cache => _reader.Cache;

    private Repository Repo => _repository ?? throw new InvalidOperationException("GitConfigStore.Initialize has not been called");

    private RefCompareAndSwap BranchHead => _branchRef ?? throw new InvalidOperationException("GitConfigStore.Initialize has not been called");

    /// <summary>Opens the repository, creating and seeding it on first start, and loads the head snapshot.</summary>
    public void Initialize()
    {
        LibGit2Durability.Configure();
        lock (_gate)
        {
            if (_repository is not null) return;
            Directory.CreateDirectory(System.IO.Path.GetFullPath(_options.Path));
            if (!Repository.IsValid(RepositoryPath)) Repository.Init(RepositoryPath, isBare: true);
            _repository = new Repository(RepositoryPath);
            _branchRef = new RefCompareAndSwap(RepositoryPath, BranchRef, _options.StaleLockAfter, logger);
            _branchRef.RecoverStaleLock();
            if (BranchHead.Read() is null)
            {
                // Never write a seed commit into a developer's clone: the branch to serve must be there already.
                if (Layout.IsWorkingClone)
                    throw new InvalidOperationException($"GitOps:Repository:Path {_options.Path} is a working clone without branch {_options.Branch}; commit to it or set GitOps:Repository:Branch");
                OpenWithoutBranch();
            }
        }
        Reload();
        LogOpened(RepositoryPath, _current.Head, _current.Hash);
    }

    /// <summary>Re-reads the branch head from disk (after another process wrote, or a fetch) and swaps the snapshot
    /// in if it is valid. An invalid head sets <see cref="HeadError"/> and the last good snapshot keeps serving.</summary>
    public SnapshotResult Reload()
    {
        SnapshotResult result;
        ConfigSnapshot? changed = null;
        lock (_gate)
        {
            var head = BranchHead.Read() ?? throw new InvalidOperationException($"branch {_options.Branch} not found in {RepositoryPath}");
            if (head == _current.Head)
            {
                _headError = null;
                return new SnapshotResult.Valid(_current);
            }
            var commit = CorruptObjectException.Guard(RepositoryPath, head, $"the head commit of {BranchRef}", () => Repo.Lookup<Commit>(head))
                ?? throw new CorruptObjectException(RepositoryPath, head, $"the head commit of {BranchRef}", null);
            // Verify before apply: a head whose signature fails is treated like an invalid snapshot.
            var unverified = VerifyLocked(commit);
            result = unverified is not null
                ? new SnapshotResult.Invalid(unverified.Errors)
                : CorruptObjectException.Guard(RepositoryPath, head, $"a tree or file of {BranchRef} at {head}", () => _reader.Read(commit));
            switch (result)
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
        }
        if (changed is not null) SnapshotChanged?.Invoke(changed);
        return result;
    }

    /// <summary>Reads and validates the snapshot at any commit (sha, branch or tag).</summary>
    public SnapshotResult ReadAt(string commitish)
    {
        lock (_gate)
        {
            var commit = FindCommit(commitish) ?? throw new ArgumentException($"no commit '{commitish}'", nameof(commitish));
            return _reader.Read(commit);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _repository?.Dispose();
            _repository = null;
        }
    }

    private Commit? FindCommit(string commitish)
    {
        if (string.IsNullOrWhiteSpace(commitish)) return null;
        try
        {
            return Repo.Lookup<Commit>(commitish);
        }
        catch (AmbiguousSpecificationException)
        {
            return null;
        }
        catch (LibGit2SharpException)
        {
            return null;
        }
    }

    /// <summary>The branch has no value: seed a new repository, restore the branch from its reflog, or refuse to start
    /// (never seed over existing history, see <see cref="MissingBranch"/>).</summary>
    private void OpenWithoutBranch()
    {
        switch (MissingBranch.Inspect(Repo, RepositoryPath, BranchRef, System.IO.Path.GetFullPath(_options.Path)))
        {
            case MissingBranch.Fresh:
                Seed();
                break;
            case MissingBranch.Restore restore:
                var identity = new ReflogIdentity(SystemAuthor.Name, SystemAuthor.Email, time.GetUtcNow());
                if (BranchHead.TryUpdate(null, restore.Commit, identity, "gitops: restored from reflog after the ref was found missing") is RefUpdate.Updated)
                    LogBranchRestored(BranchRef, restore.Commit, restore.ReflogEntry);
                break;
            case MissingBranch.Refuse refuse:
                _repository?.Dispose();
                _repository = null;
                LogBranchMissing(BranchRef, refuse.Message);
                throw new InvalidOperationException(refuse.Message);
        }
    }

    private void Seed()
    {
        var seed = SeedFolder.Resolve(_options.Seed);
        var files = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(seed, "*", SearchOption.AllDirectories))
            files[System.IO.Path.GetRelativePath(seed, file).Replace('\\', '/')] = File.ReadAllBytes(file);
        var tree = TreeEditor.Create(Repo, files);
        var when = time.GetUtcNow();
        var signature = new Signature(SystemAuthor.Name, SystemAuthor.Email, when);
        var commit = WriteCommitLocked(signature, signature, $"Seed from {_options.Seed}\n", tree, []);
        LibGit2Durability.FlushObjects(RepositoryPath);
        var identity = new ReflogIdentity(SystemAuthor.Name, SystemAuthor.Email, when);
        if (BranchHead.TryUpdate(null, commit.Sha, identity, "gitops: seed") is not RefUpdate.Updated)
            return; // another process seeded it first; Reload reads theirs
        Repo.Refs.UpdateTarget("HEAD", BranchRef);
        LogSeeded(seed, commit.Sha);
    }

    /// <summary>The identity of commits the store makes on its own (the seed).</summary>
    public static CommitAuthor SystemAuthor { get; } = new("gitops-reconciler", "gitops-reconciler@localhost");
}

/// <summary>The branch head is invalid and is not served; <see cref="GitConfigStore.Current"/> stays on the last good snapshot.</summary>
public sealed record HeadProblem(string Head, ImmutableArray<ValidationError> Errors)
{
    /// <summary>Set when the head (or, in <c>All</c> mode, a commit before it) failed signature verification.</summary>
    public Signing.VerificationFailure? Verification { get; init; }
}
