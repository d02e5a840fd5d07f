using LibGit2Sharp;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace GitOps.Reconciler.Git.Drafts;

public sealed partial class DraftStore
{
    private string? _settledHead;

    /// <summary>Records as Published every Open draft whose publish commit (trailer <c>Draft: &lt;id&gt;</c>) is on the
    /// tracked branch: a pull-request-mode publish once its pull request is merged with the commit kept (merge commit,
    /// rebase), and a publish that stopped between its commit and its metadata update. Run after the tracked head moves.</summary>
    /// <returns>The ids of the drafts recorded now.</returns>
    /// <remarks>The first call reads, for each Open draft, the commits between its base and the tracked head; later calls read
    /// once the commits that reached the branch since the head the previous call settled (a draft's publish commit always
    /// lands after the draft was created). Waits for a publish in progress to finish first, so a publish this store makes is
    /// recorded by the publish itself.</remarks>
    public async Task<ImmutableArray<string>> SettleAsync(CancellationToken cancellationToken)
    {
        await _publishing.WaitAsync(cancellationToken);
        try
        {
            var (branchHead, found) = _repository.Use(repo => Unrecorded(repo, _settledHead));
            foreach (var (id, commit, draft) in found)
            {
                LogSettled(id, commit.Sha);
                MarkPublished(id, new CommitAuthor(commit.Author.Name, commit.Author.Email), commit.Sha, draft);
            }
            _settledHead = branchHead; // only once every draft found is recorded: a failure is retried on the next call
            return [.. found.Select(f => f.Id)];
        }
        finally
        {
            _publishing.Release();
        }
    }

    /// <summary>The tracked head, and the Open drafts whose publish commit is on it: among the commits since
    /// <paramref name="settled"/> when that is known, else between each draft's base and the head.</summary>
    private (string? BranchHead, List<(string Id, Commit Commit, DraftInfo Draft)> Found) Unrecorded(Repository repo, string? settled)
    {
        var branchHead = _repository.Branch.Read();
        var found = new List<(string Id, Commit Commit, DraftInfo Draft)>();
        if (branchHead is null) return (null, found);
        var open = _refs.Ids(repo).Select(id => _refs.Read(repo, id)).OfType<StoredDraft>().Where(d => d.Record.State == DraftState.Open).ToList();
        if (open.Count == 0) return (branchHead, found);
        var since = settled is not null && repo.Lookup<Commit>(settled) is not null ? PublishCommits(repo, settled, branchHead) : null;
        foreach (var draft in open)
        {
            var commit = since is not null
                ? since.GetValueOrDefault(draft.Record.Id)
                : repo.Lookup<Commit>(draft.Record.Base) is null ? null : PublishedBy(repo, draft.Record.Id, draft.Record.Base, branchHead);
            if (commit is not null) found.Add((draft.Record.Id, commit, Info(repo, draft.Record)));
        }
        return (branchHead, found);
    }

    /// <summary>The commits in <paramref name="from"/>..<paramref name="branchHead"/> with a <c>Draft:</c> trailer, by draft id (the newest).</summary>
    private static Dictionary<string, Commit> PublishCommits(Repository repo, string from, string branchHead)
    {
        var commits = new Dictionary<string, Commit>(StringComparer.Ordinal);
        if (string.Equals(from, branchHead, StringComparison.OrdinalIgnoreCase)) return commits;
        var filter = new CommitFilter { IncludeReachableFrom = branchHead, ExcludeReachableFrom = from, SortBy = CommitSortStrategies.Time };
        foreach (var commit in repo.Commits.QueryBy(filter))
            if (CommitTrailers.Parse(commit.Message).TryGetValue("Draft", out var id)) commits.TryAdd(id, commit);
        return commits;
    }

    /// <summary>The newest commit in <paramref name="from"/>..<paramref name="branchHead"/> with the trailer <c>Draft: &lt;id&gt;</c>.</summary>
    private static Commit? PublishedBy(Repository repo, string id, string from, string branchHead)
    {
        if (string.Equals(from, branchHead, StringComparison.OrdinalIgnoreCase)) return null;
        var filter = new CommitFilter { IncludeReachableFrom = branchHead, ExcludeReachableFrom = from };
        return repo.Commits.QueryBy(filter)
            .FirstOrDefault(c => CommitTrailers.Parse(c.Message).TryGetValue("Draft", out var draft) && string.Equals(draft, id, StringComparison.Ordinal));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Draft {DraftId} found published on the tracked branch as {Commit}; recorded")]
    private partial void LogSettled(string draftId, string commit);
}
