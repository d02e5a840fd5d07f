using LibGit2Sharp;
using Microsoft.Extensions.Options;

namespace GitOps.Reconciler.Git;

/// <summary>The config repository as one shared handle: the libgit2 <see cref="Repository"/>, the tracked branch's ref
/// (<see cref="RefCompareAndSwap"/>) and the one lock that serialises libgit2 work on them.</summary>
/// <remarks>
/// A libgit2 repository handle is not meant for concurrent use, so every read or write of objects goes through
/// <see cref="Use{T}"/>. The lock is held only for local work (reading trees, writing objects, moving the ref): network
/// calls (<c>git fetch</c>, <c>git push</c>, the GitHub API) run outside it, so readers and history never wait on the
/// network. Shared by the store (snapshot, reload, mutate, revert), history reads, pull-request review reads and the
/// remote catch-up.
/// </remarks>
public sealed class RepositoryHandle(IOptions<RepositoryOptions> options, ILogger<RepositoryHandle>? logger = null) : IDisposable
{
    private readonly RepositoryOptions _options = options.Value;
    private readonly Lock _gate = new();
    private Repository? _repository;
    private RefCompareAndSwap? _branch;

    public RepositoryLayout Layout { get; } = RepositoryLayout.For(options.Value);

    /// <summary>The git directory: <c>{Path}/repo.git</c>, or <c>{Path}/.git</c> of a local working clone.</summary>
    public string GitDirectory => Layout.GitDirectory;

    /// <summary>The full name of the tracked branch, e.g. <c>refs/heads/main</c>.</summary>
    public string BranchRef => $"refs/heads/{_options.Branch}";

    /// <summary>The tracked branch's ref; reading it needs no lock (it is a file), moving it is done inside <see cref="Use{T}"/>.</summary>
    internal RefCompareAndSwap Branch => _branch ?? throw new InvalidOperationException("the repository has not been opened (GitConfigStore.Initialize)");

    /// <summary>Opens the git directory, creating an empty bare repository when there is none. Idempotent.</summary>
    public void Open()
    {
        LibGit2Durability.Configure();
        lock (_gate)
        {
            if (_repository is not null) return;
            Directory.CreateDirectory(Path.GetFullPath(_options.Path));
            if (!Repository.IsValid(GitDirectory)) Repository.Init(GitDirectory, isBare: true);
            _repository = new Repository(GitDirectory);
            _branch = new RefCompareAndSwap(GitDirectory, BranchRef, _options.StaleLockAfter, logger);
            _branch.RecoverStaleLock();
        }
    }

    /// <summary>Runs <paramref name="work"/> on the repository under the lock. Never call the network from inside.</summary>
    public T Use<T>(Func<Repository, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        lock (_gate) return work(_repository ?? throw new InvalidOperationException("the repository has not been opened (GitConfigStore.Initialize)"));
    }

    /// <summary>The best common ancestor of two commits, or null when either is unknown or they share no history.</summary>
    public string? MergeBase(string first, string second) => Use(repository => MergeBaseOf(repository, first, second));

    /// <summary>Moves the branch to a fetched remote head unless it is already there or ahead of it (a push of ours that
    /// landed after the fetch read the remote). True when it moved.</summary>
    internal bool Adopt(string remoteHead, ReflogIdentity identity, string message) => Use(repository =>
    {
        var local = Branch.Read();
        if (string.Equals(local, remoteHead, StringComparison.OrdinalIgnoreCase)) return false;
        if (local is not null && IsAncestor(repository, remoteHead, local)) return false;
        return Branch.TryUpdate(local, remoteHead, identity, message) is RefUpdate.Updated;
    });

    /// <summary>Whether <paramref name="ancestor"/> is <paramref name="descendant"/> or one of its ancestors. Call inside <see cref="Use{T}"/>.</summary>
    internal static bool IsAncestor(Repository repository, string ancestor, string descendant) =>
        string.Equals(MergeBaseOf(repository, ancestor, descendant), ancestor, StringComparison.OrdinalIgnoreCase);

    /// <summary>Closes the libgit2 handle (start-up refused, or shutdown). <see cref="Open"/> may open it again.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _repository?.Dispose();
            _repository = null;
        }
    }

    private static string? MergeBaseOf(Repository repository, string first, string second)
    {
        var a = repository.Lookup<Commit>(first);
        var b = repository.Lookup<Commit>(second);
        return a is null || b is null ? null : repository.ObjectDatabase.FindMergeBase(a, b)?.Sha;
    }
}
