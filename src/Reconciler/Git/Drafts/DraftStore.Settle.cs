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
    /// <remarks>After the first call only the commits since the head of the previous call are read; the first reads, for each
    /// Open draft, the commits between its base and the tracked head. Waits for a publish in progress to finish first, so
    /// a publish this store makes is recorded by the publish itself.</remarks>
    public async Task<ImmutableArray<string>> SettleAsync(CancellationToken cancellationToken)
    {
        await _publishing.WaitAsync(cancellationToken);
        try
        {
            var found = _repository.Use(repo =>
            {
                var branchHead = _repository.Branch.Read();
                if (branchHead is null) return [];
                var open = _refs.Ids(repo).Select(id => _refs.Read(repo, id)).OfType<StoredDraft>()
                    .Where(d => d.Record.State == DraftState.Open)
                    .ToDictionary(d => d.Record.Id, StringComparer.Ordinal);
                var settled = new List<(string Id, string Commit, CommitAuthor Author, DraftInfo Draft)>();
                if (open.Count > 0)
                {
                    var previous = _settledHead is not null && repo.Lookup<Commit>(_settledHead) is not null ? _settledHead : null;
                    foreach (var draft in open.Values)
                    {
                        if (repo.Lookup<Commit>(draft.Record.Base) is not { } @base) continue;
                        // A draft whose base is behind the last head settled was Open then, and its publish commit lands
                        // after it was created: only the commits since that head can publish it.
                        var from = previous is not null && repo.ObjectDatabase.FindMergeBase(repo.Lookup<Commit>(previous), @base)?.Sha == @base.Sha
                            ? previous
                            : @base.Sha;
                        if (PublishedBy(repo, draft.Record.Id, from, branchHead) is { } commit)
                            settled.Add((draft.Record.Id, commit.Sha, new CommitAuthor(commit.Author.Name, commit.Author.Email), Info(repo, draft.Record)));
                    }
                }
                _settledHead = branchHead;
                return settled;
            });
            foreach (var (id, commit, author, draft) in found)
            {
                LogSettled(id, commit);
                MarkPublished(id, author, commit, draft);
            }
            return [.. found.Select(f => f.Id)];
        }
        finally
        {
            _publishing.Release();
        }
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
