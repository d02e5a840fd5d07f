using System.Collections.Immutable;
using GitOps.Reconciler.Configuration;
using LibGit2Sharp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace GitOps.Reconciler.Git;

/// <summary>The git-backed config store: a bare repository whose branch head is the desired state.</summary>
/// <remarks>
/// Reads are served from <see cref="Current"/>, an immutable snapshot held in memory; only mutations,
/// history and reloads touch libgit2. A mutation is one commit whose parent is the expected head, and the
/// branch moves only if it still points there (compare-and-swap), otherwise <see cref="MutationOutcome.HeadMoved"/>.
/// </remarks>
public sealed partial class GitConfigStore(
    IOptions<RepositoryOptions> options,
    SnapshotBuilder builder,
    TimeProvider time,
    ILogger<GitConfigStore> logger) : IDisposable
{
    private readonly RepositoryOptions _options = options.Value;
    private readonly Lock _writeLock = new();
    private Repository? _repository;
    private volatile ConfigSnapshot _current = ConfigSnapshot.Empty;

    /// <summary>Raised after <see cref="Current"/> changed (a commit of ours, or a reload that found a new valid head).</summary>
    public event Action<ConfigSnapshot>? SnapshotChanged;

    public string RepositoryPath => System.IO.Path.Combine(System.IO.Path.GetFullPath(_options.Path), "repo.git");

    public string Branch => _options.Branch;

    /// <summary>The last good snapshot (at the branch head unless the head is invalid; see <see cref="HeadError"/>).</summary>
    public ConfigSnapshot Current => _current;

    /// <summary>Why the branch head is not served, when it is invalid; null when <see cref="Current"/> is the head.</summary>
    public HeadProblem? HeadError { get; private set; }

    private Repository Repo => _repository ?? throw new InvalidOperationException("GitConfigStore.Initialize has not been called");

    /// <summary>Opens the repository, creating and seeding it on first start, and loads the head snapshot.</summary>
    public void Initialize()
    {
        Directory.CreateDirectory(System.IO.Path.GetFullPath(_options.Path));
        if (!Repository.IsValid(RepositoryPath))
        {
            Repository.Init(RepositoryPath, isBare: true);
            _repository = new Repository(RepositoryPath);
            Seed();
        }
        _repository ??= new Repository(RepositoryPath);
        Reload();
        LogOpened(RepositoryPath, _current.Head, _current.Hash);
    }

    /// <summary>Re-reads the branch head from disk (after another process wrote, or a fetch) and swaps the snapshot in if it is valid.</summary>
    public SnapshotResult Reload()
    {
        lock (_writeLock)
        {
            var tip = Repo.Branches[_options.Branch]?.Tip ?? throw new InvalidOperationException($"branch {_options.Branch} not found in {RepositoryPath}");
            if (tip.Sha == _current.Head) return new SnapshotResult.Valid(_current);
            var result = ReadCommit(tip);
            if (result is SnapshotResult.Valid valid)
            {
                HeadError = null;
                Publish(valid.Snapshot);
            }
            else if (result is SnapshotResult.Invalid invalid)
            {
                HeadError = new HeadProblem(tip.Sha, invalid.Errors);
            }
            return result;
        }
    }

    /// <summary>Reads and validates the snapshot at any commit (sha, branch or tag).</summary>
    public SnapshotResult ReadAt(string commitish)
    {
        var commit = Repo.Lookup<Commit>(commitish) ?? throw new ArgumentException($"no commit '{commitish}'", nameof(commitish));
        return ReadCommit(commit);
    }

    /// <summary>Applies one mutation as exactly one commit with compare-and-swap on the head.</summary>
    public Task<MutationOutcome> MutateAsync(MutationRequest request, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_writeLock)
        {
            var branch = Repo.Branches[_options.Branch];
            var head = branch.Tip;
            if (request.ExpectedHead is { } expected && !string.Equals(expected, head.Sha, StringComparison.OrdinalIgnoreCase))
                return Task.FromResult<MutationOutcome>(new MutationOutcome.HeadMoved(head.Sha, expected));
            var baseSnapshot = head.Sha == _current.Head ? _current : ReadCommit(head) is SnapshotResult.Valid v ? v.Snapshot : _current;
            var edit = request.Edit(baseSnapshot);
            if (edit is EditResult.Refused refused)
                return Task.FromResult<MutationOutcome>(new MutationOutcome.Rejected(refused.Kind, refused.Message));
            var changes = ((EditResult.Changes)edit).Files;

            var files = ReadFiles(head.Tree);
            foreach (var (path, content) in changes)
            {
                if (content is null) files.Remove(path);
                else files[path] = content.Value;
            }
            if (builder.Build(files) is SnapshotResult.Invalid invalid)
                return Task.FromResult<MutationOutcome>(new MutationOutcome.Invalid(invalid.Errors));

            var tree = WriteTree(files);
            if (tree.Sha == head.Tree.Sha)
                return Task.FromResult<MutationOutcome>(new MutationOutcome.NoChange(head.Sha));
            var signature = new Signature(request.Author.Name, request.Author.Email, time.GetUtcNow());
            var message = CommitMessage.Format(request.Summary, request.Reason, request.RequestId, request.Author);
            var commit = Repo.ObjectDatabase.CreateCommit(signature, signature, message, tree, [head], prettifyMessage: false);
            Repo.Refs.UpdateTarget(branch.Reference, commit.Id, $"gitops: {request.Summary}");
            var snapshot = ReadCommit(commit) is SnapshotResult.Valid committed ? committed.Snapshot : throw new InvalidOperationException("committed an invalid tree");
            Publish(snapshot);
            return Task.FromResult<MutationOutcome>(new MutationOutcome.Committed(commit.Sha, head.Sha, snapshot));
        }
    }

    public ImmutableArray<HistoryEntry> History(HistoryQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return [];
    }

    public CommitDetails? GetCommit(string sha)
    {
        ArgumentException.ThrowIfNullOrEmpty(sha);
        return null;
    }

    public void Dispose() => _repository?.Dispose();

    private void Publish(ConfigSnapshot snapshot)
    {
        _current = snapshot;
        SnapshotChanged?.Invoke(snapshot);
    }

    private SnapshotResult ReadCommit(Commit commit)
    {
        var files = ReadFiles(commit.Tree);
        return builder.Build(files, commit.Sha, commit.Tree.Sha);
    }

    private static Dictionary<string, ReadOnlyMemory<byte>> ReadFiles(Tree tree)
    {
        var files = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
        void Walk(Tree t, string prefix)
        {
            foreach (var entry in t)
            {
                var path = prefix + entry.Name;
                if (entry.TargetType == TreeEntryTargetType.Tree) Walk((Tree)entry.Target, path + "/");
                else if (entry.Target is Blob blob)
                {
                    using var stream = blob.GetContentStream();
                    using var buffer = new MemoryStream();
                    stream.CopyTo(buffer);
                    files[path] = buffer.ToArray();
                }
            }
        }
        Walk(tree, "");
        return files;
    }

    private Tree WriteTree(IReadOnlyDictionary<string, ReadOnlyMemory<byte>> files)
    {
        var definition = new TreeDefinition();
        foreach (var (path, content) in files)
        {
            using var stream = new MemoryStream(content.ToArray());
            definition.Add(path, Repo.ObjectDatabase.CreateBlob(stream), Mode.NonExecutableFile);
        }
        return Repo.ObjectDatabase.CreateTree(definition);
    }

    private void Seed()
    {
        var seed = SeedFolder.Resolve(_options.Seed);
        var files = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(seed, "*", SearchOption.AllDirectories))
            files[System.IO.Path.GetRelativePath(seed, file).Replace('\\', '/')] = File.ReadAllBytes(file);
        var tree = WriteTree(files);
        var signature = new Signature("gitops-reconciler", "gitops-reconciler@localhost", time.GetUtcNow());
        var commit = Repo.ObjectDatabase.CreateCommit(signature, signature, $"Seed from {_options.Seed}\n", tree, [], prettifyMessage: false);
        Repo.Refs.Add($"refs/heads/{_options.Branch}", commit.Id);
        Repo.Refs.UpdateTarget("HEAD", $"refs/heads/{_options.Branch}");
        LogSeeded(seed, commit.Sha);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Opened config repository {RepositoryPath} at {Head} (snapshot {SnapshotHash})")]
    private partial void LogOpened(string repositoryPath, string head, string snapshotHash);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded new config repository from {SeedPath} as {Head}")]
    private partial void LogSeeded(string seedPath, string head);
}

/// <summary>The branch head is invalid and is not served; <see cref="GitConfigStore.Current"/> stays on the last good snapshot.</summary>
public sealed record HeadProblem(string Head, ImmutableArray<ValidationError> Errors);
