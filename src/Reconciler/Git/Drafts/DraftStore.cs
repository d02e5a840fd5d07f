using LibGit2Sharp;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace GitOps.Reconciler.Git.Drafts;

/// <summary>Drafts (docs/DRAFTS.md): a draft is the branch <c>drafts/&lt;id&gt;</c> plus metadata in git
/// (<see cref="DraftRefs"/>); it is edited with the store's own commit steps (<see cref="StoreWriter.Compose"/>),
/// approved, and published as one commit on the tracked branch through <see cref="GitConfigStore.MutateAsync"/>.</summary>
/// <remarks>Everything local runs inside the repository lock; refs move by compare-and-swap, so a draft survives a restart
/// and another process writing the same repository never loses an update. Nothing about drafts is on the tracked branch.</remarks>
public sealed partial class DraftStore : IDisposable
{
    private readonly GitConfigStore _store;
    private readonly RepositoryHandle _repository;
    private readonly StoreWriter _writer;
    private readonly DraftRefs _refs;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _publishing = new(1, 1);

    internal DraftStore(GitConfigStore store, RepositoryHandle repository, StoreWriter writer, TimeSpan staleLockAfter, TimeProvider time, ILogger logger)
    {
        _store = store;
        _repository = repository;
        _writer = writer;
        _refs = new DraftRefs(repository.GitDirectory, staleLockAfter);
        _time = time;
        _logger = logger;
    }

    public void Dispose() => _publishing.Dispose();

    /// <summary>Creates the branch <c>drafts/&lt;id&gt;</c> at <paramref name="baseCommit"/> (null: the tracked head) and its metadata.</summary>
    public DraftOutcome Create(string title, string? name, string? baseCommit, CommitAuthor author)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        var id = string.IsNullOrEmpty(name) ? DraftNames.FromTitle(title) : name;
        if (DraftNames.Problem(id) is { } problem) return new DraftOutcome.InvalidName(id, problem);
        return _repository.Use<DraftOutcome>(repo =>
        {
            var start = baseCommit is null
                ? _repository.Branch.Read() ?? throw new InvalidOperationException($"branch {_store.Branch} not found")
                : GitConfigStore.FindCommit(repo, baseCommit)?.Sha;
            if (start is null) return new DraftOutcome.UnknownBase(baseCommit!);
            if (_refs.Read(repo, id) is not null || _refs.Ref(DraftRefs.BranchRef(id)).Read() is not null || _refs.Ref(DraftRefs.ArchiveRef(id)).Read() is not null)
                return new DraftOutcome.Exists(id);
            var who = DraftPerson.Of(author);
            var when = _time.GetUtcNow();
            if (_refs.Ref(DraftRefs.BranchRef(id)).TryUpdate(null, start, Reflog(who, when), $"gitops: draft {id} created") is not RefUpdate.Updated)
                return new DraftOutcome.Exists(id);
            var record = new DraftRecord(id, title.Trim(), who, when, start, DraftState.Open);
            if (!_refs.TryWrite(repo, null, record, $"draft {id}: created", who, when)) return new DraftOutcome.Exists(id);
            LogCreated(id, start, who.Email);
            return new DraftOutcome.Done(Info(repo, record));
        });
    }

    /// <summary>Every draft (or those in <paramref name="state"/>), newest first.</summary>
    public ImmutableArray<DraftInfo> List(DraftState? state = null) => _repository.Use(repo =>
        _refs.Ids(repo)
            .Select(id => _refs.Read(repo, id))
            .OfType<StoredDraft>()
            .Where(d => state is null || d.Record.State == state)
            .OrderByDescending(d => d.Record.Created)
            .ThenBy(d => d.Record.Id, StringComparer.Ordinal)
            .Select(d => Info(repo, d.Record))
            .ToImmutableArray());

    /// <summary>One draft in any state; null when there is none.</summary>
    public DraftInfo? Get(string id) => _repository.Use(repo => _refs.Read(repo, id) is { } stored ? Info(repo, stored.Record) : null);

    /// <summary>Only a draft's stored metadata (title, state, approvals): no commit walk, no tree diff; null when there is none.</summary>
    public DraftRecord? Record(string id) => _repository.Use(repo => _refs.Read(repo, id)?.Record);

    /// <summary>The validated snapshot at the draft's head (for reads with <c>?draft=</c>); null when there is no such draft.</summary>
    public SnapshotResult? ReadHead(string id)
    {
        var head = _repository.Use(repo => _refs.Read(repo, id) is { } stored ? _refs.Head(stored.Record) : null);
        return head is null ? null : _store.ReadAt(head);
    }

    /// <summary>Abandons an Open draft: the branch becomes <c>archive/drafts/&lt;id&gt;</c>; only its author or an admin may.</summary>
    public DraftOutcome Abandon(string id, CommitAuthor caller, bool isAdmin) => Update(id, caller, (repo, stored, info, when) =>
    {
        if (!isAdmin && !stored.Record.Author.IsSameAs(caller))
            return new DraftOutcome.Forbidden($"only the draft's author ({stored.Record.Author}) or an admin may abandon draft '{id}'", SelfApproval: false);
        var archive = _refs.Ref(DraftRefs.ArchiveRef(id));
        if (archive.Read() is null
            && archive.TryUpdate(null, info.Head, Reflog(DraftPerson.Of(caller), when), $"gitops: draft {id} abandoned") is not RefUpdate.Updated)
            return new DraftOutcome.Exists(DraftRefs.ArchiveBranch(id));
        if (repo.Refs[DraftRefs.BranchRef(id)] is not null) repo.Refs.Remove(DraftRefs.BranchRef(id));
        return stored.Record with { State = DraftState.Abandoned, ClosedHead = info.Head };
    }, "abandoned");

    /// <summary>Approves the draft at its current head; an approver is never its author; the same approval twice keeps one.</summary>
    public DraftOutcome Approve(string id, CommitAuthor caller) => Update(id, caller, (_, stored, info, when) =>
    {
        if (stored.Record.Author.IsSameAs(caller))
            return new DraftOutcome.Forbidden($"you are the author of draft '{id}'; another operator or admin must approve it", SelfApproval: true);
        var approvals = stored.Record.Approvals;
        if (approvals.Any(a => info.IsValid(a) && string.Equals(a.Email, caller.Email, StringComparison.OrdinalIgnoreCase)))
            return new DraftOutcome.Done(info, Changed: false);
        approvals = [.. approvals.Where(a => !string.Equals(a.Email, caller.Email, StringComparison.OrdinalIgnoreCase)),
            new DraftApproval(caller.Name, caller.Email, when, info.Head)];
        return stored.Record with { Approvals = approvals };
    }, "approved");

    /// <summary>Read, check, change and write the metadata of an Open draft, under the lock, with compare-and-swap on its ref.</summary>
    /// <param name="change">The new record, or the outcome that ends the operation without writing.</param>
    private DraftOutcome Update(string id, CommitAuthor caller, Func<Repository, StoredDraft, DraftInfo, DateTimeOffset, DraftStep<DraftRecord>> change, string verb) =>
        _repository.Use<DraftOutcome>(repo =>
        {
            for (var attempt = 0; attempt < 3; attempt++)
            {
                if (_refs.Read(repo, id) is not { } stored) return new DraftOutcome.NotFound(id);
                var info = Info(repo, stored.Record);
                if (stored.Record.State != DraftState.Open) return new DraftOutcome.Closed(info);
                var when = _time.GetUtcNow();
                var next = change(repo, stored, info, when);
                if (next.Outcome is { } ended) return ended;
                var who = DraftPerson.Of(caller);
                if (!_refs.TryWrite(repo, stored.MetadataCommit, next.Value!, $"draft {id}: {verb} by {who}", who, when)) continue;
                LogUpdated(id, verb, who.Email);
                return new DraftOutcome.Done(Info(repo, next.Value!));
            }
            throw new InvalidOperationException($"the metadata of draft '{id}' kept moving under us ({DraftRefs.MetadataRef(id)})");
        });

    /// <summary>The draft as it is read: its head, its own commits (base..head, newest first) and the plugins they touch.</summary>
    private DraftInfo Info(Repository repo, DraftRecord record) => Info(repo, record, out _);

    /// <inheritdoc cref="Info(Repository, DraftRecord)"/>
    /// <param name="changes">The files the draft changes (base → head), for a caller that needs them too (a publish).</param>
    private DraftInfo Info(Repository repo, DraftRecord record, out ImmutableArray<TreeDiff.Change> changes)
    {
        var head = _refs.Head(record) ?? record.Base;
        var filter = new CommitFilter { IncludeReachableFrom = head, ExcludeReachableFrom = record.Base, SortBy = CommitSortStrategies.Topological | CommitSortStrategies.Time };
        var commits = repo.Commits.QueryBy(filter)
            .Select(c => new DraftCommit(c.Sha, c.MessageShort, new DraftPerson(c.Author.Name, c.Author.Email), c.Author.When))
            .ToImmutableArray();
        changes = DraftChanges.Compare(repo, record.Base, head);
        var plugins = changes
            .Select(c => c.Path)
            .Where(p => p.StartsWith(SnapshotBuilder.PluginsFolder + "/", StringComparison.Ordinal) && p.Count(c => c == '/') >= 2)
            .Select(p => p.Split('/')[1])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToImmutableArray();
        return new DraftInfo(record, head, commits, plugins);
    }

    private static ReflogIdentity Reflog(DraftPerson who, DateTimeOffset when) => new(who.Name, who.Email, when);

    [LoggerMessage(Level = LogLevel.Information, Message = "Draft {DraftId} created at {Base} by {Author}")]
    private partial void LogCreated(string draftId, string @base, string author);

    [LoggerMessage(Level = LogLevel.Information, Message = "Draft {DraftId} {Change} by {Author}")]
    private partial void LogUpdated(string draftId, string change, string author);
}
