using LibGit2Sharp;

namespace GitOps.Reconciler.Git;

/// <summary>History reads of the store: the commits of the branch that touched a plugin or source, and one commit with
/// its diff. Each read holds the repository lock only while it walks (never while a push is in flight).</summary>
internal sealed class StoreHistory(RepositoryHandle repository, TreeSnapshotReader reader, CommitSigning signing)
{
    /// <summary>Commits reachable from the branch head, newest first, that touched the given plugin and/or source; a history
    /// cut short by a missing or damaged commit (a deleted parent) answers with the commits it could read and a note
    /// naming the object, instead of failing.</summary>
    public HistoryPage List(HistoryQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = Math.Clamp(query.Limit, 1, GitConfigStore.MaxHistoryLimit);
        var entries = ImmutableArray.CreateBuilder<HistoryEntry>();
        return repository.Use(repo =>
        {
            var head = query.From ?? repository.Branch.Read();
            if (head is null) return new HistoryPage([], null);
            var filter = new CommitFilter { IncludeReachableFrom = head, SortBy = CommitSortStrategies.Topological | CommitSortStrategies.Time };
            try
            {
                var cursor = new HistoryCursor(query.After);
                foreach (var commit in repo.Commits.QueryBy(filter))
                    if (TryAdd(repo, commit, query, entries, limit, cursor)) break;
                return new HistoryPage(entries.ToImmutable(), null);
            }
            catch (LibGit2SharpException ex)
            {
                // The walk needs every commit it sorts; walk first parents instead, as far as they can be read.
                entries.Clear();
                var note = FirstParentWalk(repo, head, query, entries, limit, ex);
                return new HistoryPage(entries.ToImmutable(), note.Length == 0 ? null : note);
            }
        });
    }

    /// <summary>Adds the commit when it passes the query; true when the limit is reached.</summary>
    private bool TryAdd(Repository repo, Commit commit, HistoryQuery query, ImmutableArray<HistoryEntry>.Builder entries, int limit, HistoryCursor cursor)
    {
        if (cursor.Skips(commit.Sha)) return false;
        // The plugin filter needs only tree ids; build source hashes only for commits that pass it.
        var (now, before, changedPlugins) = ChangedPlugins(commit);
        if (query.Plugin is { } plugin && !changedPlugins.Contains(plugin)) return false;
        if (query.Visible is { } visible && !changedPlugins.Any(visible)) return false;
        var entry = Entry(repo, commit, now, before, changedPlugins);
        if (query.Source is { } source && !entry.ChangedSources.Any(c => c.Source == source && (query.Plugin is null || c.Plugin == query.Plugin))) return false;
        entries.Add(entry);
        return entries.Count >= limit;
    }

    /// <summary>Walks first parents from <paramref name="head"/> until a commit cannot be read; returns the note saying where it stopped.</summary>
    private string FirstParentWalk(Repository repo, string head, HistoryQuery query, ImmutableArray<HistoryEntry>.Builder entries, int limit, LibGit2SharpException walkError)
    {
        var id = head;
        string? child = null;
        var cursor = new HistoryCursor(query.After);
        while (true)
        {
            Commit? commit;
            Commit? parent;
            try
            {
                commit = repo.Lookup<Commit>(id);
                if (commit is null) return MissingNote(id, child, walkError.Message);
                parent = commit.Parents.FirstOrDefault();
                if (parent is not null && !repo.ObjectDatabase.Contains(parent.Id))
                {
                    // Its changes cannot be computed without the parent: show the commit itself (unfiltered queries only).
                    if (query.Plugin is null && query.Source is null && query.Visible is null && entries.Count < limit)
                        entries.Add(Entry(repo, commit, new(StringComparer.Ordinal), new(StringComparer.Ordinal), []));
                    return MissingNote(parent.Sha, id, "not in the object database");
                }
                if (TryAdd(repo, commit, query, entries, limit, cursor)) return "";
            }
            catch (LibGit2SharpException ex)
            {
                var missing = CorruptObjectException.IdIn(ex.Message) ?? id;
                return MissingNote(missing, child ?? id, ex.Message);
            }
            if (parent is null) return "";
            child = id;
            id = parent.Sha;
        }
    }

    private string MissingNote(string missing, string? child, string error)
    {
        var of = child is null ? "" : $", the parent of {child},";
        return $"history is incomplete: commit {missing}{of} is missing or corrupt ({CorruptObjectException.LoosePath(repository.GitDirectory, missing)}; {error.Trim()}). " +
            $"Entries before it cannot be shown. Run `git -C {repository.GitDirectory} fsck --full`";
    }

    /// <summary>One commit with its per-file unified patch against its first parent; null when there is no such commit.</summary>
    public CommitDetails? GetCommit(string sha)
    {
        ArgumentException.ThrowIfNullOrEmpty(sha);
        return repository.Use(repo =>
        {
            if (GitConfigStore.FindCommit(repo, sha) is not { } commit) return null;
            var parent = commit.Parents.FirstOrDefault();
            if (parent is not null && !repo.ObjectDatabase.Contains(parent.Id))
            {
                // Without its parent the commit's changes cannot be computed: its metadata, no diff, and a note (issue 11).
                return new CommitDetails(Entry(repo, commit, new(StringComparer.Ordinal), new(StringComparer.Ordinal), []), [],
                    MissingNote(parent.Sha, commit.Sha, "not in the object database"));
            }
            using var patch = repo.Diff.Compare<Patch>(parent?.Tree, commit.Tree);
            var files = patch
                .Select(change => new FileDiff(change.Path.Replace('\\', '/'), change.Status.ToString().ToLowerInvariant(), Hunks(change.Patch)))
                .OrderBy(f => f.Path, StringComparer.Ordinal)
                .ToImmutableArray();
            var (now, before, changedPlugins) = ChangedPlugins(commit);
            return new CommitDetails(Entry(repo, commit, now, before, changedPlugins), files);
        });
    }

    /// <summary>A history entry: the commit's metadata plus the plugins and sources it changed against its first parent.</summary>
    private HistoryEntry Entry(Repository repo, Commit commit, Dictionary<string, Tree> now, Dictionary<string, Tree> before, ImmutableArray<string> changedPlugins)
    {
        var changedSources = ImmutableArray.CreateBuilder<ChangedSource>();
        foreach (var plugin in changedPlugins)
        {
            var newHashes = SourceHashes(plugin, now.GetValueOrDefault(plugin));
            var oldHashes = SourceHashes(plugin, before.GetValueOrDefault(plugin));
            foreach (var (id, hash) in newHashes.OrderBy(h => h.Key, StringComparer.Ordinal))
            {
                if (!oldHashes.TryGetValue(id, out var oldHash)) changedSources.Add(new ChangedSource(plugin, id, ChangeKind.Added));
                else if (oldHash != hash) changedSources.Add(new ChangedSource(plugin, id, ChangeKind.Modified));
            }
            foreach (var id in oldHashes.Keys.Where(id => !newHashes.ContainsKey(id)).Order(StringComparer.Ordinal))
                changedSources.Add(new ChangedSource(plugin, id, ChangeKind.Removed));
        }
        var author = commit.Author;
        return new HistoryEntry(
            commit.Sha, author.Name, author.Email, author.When, commit.Message, commit.MessageShort,
            CommitTrailers.Parse(commit.Message), changedPlugins, changedSources.ToImmutable(),
            [.. commit.Parents.Select(p => p.Sha)], signing.Describe(repo, commit));
    }

    /// <summary>The plugin folders of a commit and its first parent, and which differ (by tree id only).</summary>
    private static (Dictionary<string, Tree> Now, Dictionary<string, Tree> Before, ImmutableArray<string> Changed) ChangedPlugins(Commit commit)
    {
        var parent = commit.Parents.FirstOrDefault();
        var now = PluginTrees(commit.Tree);
        var before = parent is null ? new Dictionary<string, Tree>(StringComparer.Ordinal) : PluginTrees(parent.Tree);
        var changed = now.Keys.Union(before.Keys, StringComparer.Ordinal)
            .Where(name => now.GetValueOrDefault(name)?.Sha != before.GetValueOrDefault(name)?.Sha)
            .Order(StringComparer.Ordinal)
            .ToImmutableArray();
        return (now, before, changed);
    }

    private static Dictionary<string, Tree> PluginTrees(Tree root)
    {
        var trees = new Dictionary<string, Tree>(StringComparer.Ordinal);
        if (root[SnapshotBuilder.PluginsFolder] is { TargetType: TreeEntryTargetType.Tree } plugins)
            foreach (var entry in (Tree)plugins.Target)
                if (entry.TargetType == TreeEntryTargetType.Tree) trees[entry.Name] = (Tree)entry.Target;
        return trees;
    }

    /// <summary>Per-source hashes of one plugin folder (through the cache); empty when absent or invalid.</summary>
    private ImmutableDictionary<string, string> SourceHashes(string plugin, Tree? folder) =>
        folder is not null && reader.ReadPlugin(plugin, folder) is PluginResult.Valid valid
            ? valid.Plugin.SourceHashes
            : ImmutableDictionary<string, string>.Empty;

    /// <summary>The patch text from the first hunk on (the <c>diff --git</c>/<c>index</c> header is dropped).</summary>
    private static string Hunks(string patch)
    {
        var start = patch.StartsWith("@@", StringComparison.Ordinal) ? 0 : patch.IndexOf("\n@@", StringComparison.Ordinal);
        return start < 0 ? patch : patch[(start == 0 ? 0 : start + 1)..];
    }
}

/// <summary>Skips the commits of a walk up to and including the cursor commit (a page's last entry); nothing when there is no cursor.</summary>
internal sealed class HistoryCursor(string? after)
{
    private bool _passed = after is null;

    public bool Skips(string sha)
    {
        if (_passed) return false;
        _passed = string.Equals(sha, after, StringComparison.OrdinalIgnoreCase);
        return true;
    }
}

/// <summary>A page of history; <paramref name="Note"/> says why it is incomplete (a missing or damaged commit), else null.</summary>
public sealed record HistoryPage(ImmutableArray<HistoryEntry> Entries, string? Note);
