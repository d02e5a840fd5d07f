using GitOps.Reconciler.Git;
using LibGit2Sharp;

namespace GitOps.Reconciler.Planning;

/// <summary>The two sides of a plan, as the store's tree reader assembles them (valid plugins plus the errors of the others).</summary>
internal sealed record PlanSides(string Base, string? Head, TreeSnapshot Before, TreeSnapshot After);

/// <summary>Reading the sides of a plan from git. Nothing moves a ref. An edit not yet saved that stays inside existing,
/// still valid plugins is planned from tree ids computed in memory (nothing written); any other edit, and a draft replayed on
/// the tracked head, become trees in the object database only (unreachable, so <c>git gc</c> drops them), read through the
/// same <see cref="TreeSnapshotReader"/> and cache a commit uses, so unchanged plugin folders are never read again.</summary>
internal sealed class PlanTrees(RepositoryHandle repository, TreeSnapshotReader reader)
{
    public const string DraftBranchPrefix = "refs/heads/drafts/";

    /// <summary>Either the sides, or why there are none.</summary>
    public abstract record Read
    {
        private Read() { }

        public sealed record Sides(PlanSides Value) : Read;

        public sealed record Failed(PlanOutcome Outcome) : Read;
    }

    /// <summary>The base commit (default: the tracked head) against the base with <paramref name="changes"/> applied
    /// (path → new content, null deletes).</summary>
    public Read Edit(string? baseCommit, ImmutableDictionary<string, ReadOnlyMemory<byte>?> changes)
    {
        if (changes.Keys.FirstOrDefault(p => !TreeEditor.IsValidPath(p)) is { } badPath)
            return new Read.Failed(new PlanOutcome.InvalidPath(badPath, "not a valid repository path (forward slashes; no empty, '.', '..' or '.git' segment)"));
        if (ParentClash(changes.Keys) is { } clash)
            return new Read.Failed(new PlanOutcome.InvalidPath(clash, "it is both a file and a folder of another changed path"));
        return repository.Use<Read>(repo =>
        {
            var sha = baseCommit ?? repository.Branch.Read() ?? "";
            if (GitConfigStore.FindCommit(repo, sha) is not { } commit) return new Read.Failed(new PlanOutcome.CommitNotFound(sha));
            if (InMemory(repo, commit.Tree, changes) is { } sides) return new Read.Sides(sides with { Base = commit.Sha });
            Tree tree;
            try
            {
                tree = TreeEditor.Apply(repo, commit.Tree, changes);
            }
            catch (LibGit2SharpException ex)
            {
                return new Read.Failed(new PlanOutcome.InvalidPath(changes.Keys.Order(StringComparer.Ordinal).First(), ex.Message));
            }
            var before = reader.ReadTree(commit.Tree);
            BuildTouched(before, changes, tree);
            return new Read.Sides(new PlanSides(commit.Sha, null, before, reader.ReadTree(tree)));
        });
    }

    /// <summary>The sides of a change that writes only files directly inside existing plugin folders of a valid base, and
    /// leaves each of those plugins valid: the after side is the base's snapshot with those plugins rebuilt from the files
    /// in memory, under the tree ids git would give them (<see cref="TreeEditor.IdOf"/>), composed as a read composes it,
    /// as a commit does (<c>CommitBuilder</c>). Nothing is written to the object database. Null for any other change
    /// (new or removed plugins, subfolders, files outside plugins, a plugin made invalid): it is written and read, so
    /// the reader reports what is wrong with file and line.</summary>
    private PlanSides? InMemory(Repository repo, Tree baseTree, ImmutableDictionary<string, ReadOnlyMemory<byte>?> changes)
    {
        var before = reader.ReadTree(baseTree);
        if (!before.IsValid) return null;
        var byPlugin = new Dictionary<string, List<(string File, ReadOnlyMemory<byte>? Content)>>(StringComparer.Ordinal);
        foreach (var (path, content) in changes)
        {
            var parts = path.Split('/');
            if (parts.Length != 3 || parts[0] != SnapshotBuilder.PluginsFolder || before.Snapshot.FindPlugin(parts[1]) is null) return null;
            if (!byPlugin.TryGetValue(parts[1], out var files)) byPlugin[parts[1]] = files = [];
            files.Add((parts[2], content));
        }
        var folderIds = new Dictionary<string, ObjectId>(StringComparer.Ordinal);
        var rootId = TreeEditor.IdOf(repo, baseTree, changes, folderIds);
        if (rootId == baseTree.Id) return new PlanSides("", null, before, before);
        var rebuilt = new Dictionary<string, PluginSnapshot>(StringComparer.Ordinal);
        foreach (var (name, edits) in byPlugin)
        {
            if (!folderIds.TryGetValue($"{SnapshotBuilder.PluginsFolder}/{name}", out var folderId)) return null; // emptied
            var basePlugin = before.Snapshot.Plugins[name];
            var files = basePlugin.Files
                .RemoveRange(edits.Where(e => e.Content is null).Select(e => e.File))
                .SetItems(edits.Where(e => e.Content is not null).Select(e => KeyValuePair.Create(e.File, e.Content!.Value)));
            var changed = edits.Select(e => e.File).ToHashSet(StringComparer.Ordinal);
            if (reader.BuildPlugin(name, files, folderId.Sha, ContentChecked.Unchanged(basePlugin, changed)) is not PluginResult.Valid valid) return null;
            rebuilt[name] = valid.Plugin;
        }
        var composed = SnapshotBuilder.Compose("", rootId.Sha, before.Snapshot.Plugins.SetItems(rebuilt));
        return new PlanSides("", null, before, new TreeSnapshot(composed, []));
    }

    /// <summary>Builds each touched plugin folder from the base's files in memory plus the changes and caches it under its new
    /// tree id, so reading the new tree reads no blob back from git. A folder that was not a valid plugin, or that the change
    /// gives a subfolder, is left to the reader.</summary>
    private void BuildTouched(TreeSnapshot before, ImmutableDictionary<string, ReadOnlyMemory<byte>?> changes, Tree root)
    {
        var byPlugin = changes.Select(c => (Parts: c.Key.Split('/'), c.Value)).Where(c => c.Parts[0] == SnapshotBuilder.PluginsFolder && c.Parts.Length > 2).ToLookup(c => c.Parts[1], StringComparer.Ordinal);
        foreach (var plugin in byPlugin.Where(p => p.All(c => c.Parts.Length == 3)))
        {
            if (before.Snapshot.FindPlugin(plugin.Key) is not { } basePlugin || root[$"{SnapshotBuilder.PluginsFolder}/{plugin.Key}"]?.Target is not Tree folder) continue;
            var files = basePlugin.Files
                .RemoveRange(plugin.Where(c => c.Value is null).Select(c => c.Parts[2]))
                .SetItems(plugin.Where(c => c.Value is not null).Select(c => KeyValuePair.Create(c.Parts[2], c.Value!.Value)));
            // Only what the change wrote is parsed again: the base plugin was valid, so its unchanged files passed their checks.
            var changed = plugin.Select(c => c.Parts[2]).ToHashSet(StringComparer.Ordinal);
            reader.BuildPlugin(plugin.Key, files, folder.Sha, ContentChecked.Unchanged(basePlugin, changed));
        }
    }

    /// <summary>What publishing draft <paramref name="id"/> would do: the tracked head against the draft's own change (merge
    /// base → draft head) applied on the tracked head; where both changed a file, the draft's version is shown.</summary>
    public Read Draft(string id)
    {
        var name = DraftBranchPrefix + id;
        if (string.IsNullOrEmpty(id) || !Reference.IsValidName(name)) return new Read.Failed(new PlanOutcome.DraftNotFound(id));
        return repository.Use<Read>(repo =>
        {
            if (repo.Refs[name]?.ResolveToDirectReference()?.Target is not Commit draft) return new Read.Failed(new PlanOutcome.DraftNotFound(id));
            var headSha = repository.Branch.Read() ?? "";
            if (repo.Lookup<Commit>(headSha) is not { } head) return new Read.Failed(new PlanOutcome.CommitNotFound(headSha));
            var mergeBase = repo.ObjectDatabase.FindMergeBase(draft, head);
            var after = mergeBase is null || mergeBase.Sha == head.Sha ? draft.Tree : Replay(repo, mergeBase.Tree, draft.Tree, head.Tree);
            return new Read.Sides(new PlanSides(head.Sha, draft.Sha, reader.ReadTree(head.Tree), reader.ReadTree(after)));
        });
    }

    /// <summary>Two commits (a pull request's merge base and head).</summary>
    public Read Commits(string baseSha, string headSha) => repository.Use<Read>(repo =>
    {
        if (GitConfigStore.FindCommit(repo, baseSha) is not { } @base) return new Read.Failed(new PlanOutcome.CommitNotFound(baseSha));
        if (GitConfigStore.FindCommit(repo, headSha) is not { } head) return new Read.Failed(new PlanOutcome.CommitNotFound(headSha));
        return new Read.Sides(new PlanSides(@base.Sha, head.Sha, reader.ReadTree(@base.Tree), reader.ReadTree(head.Tree)));
    });

    /// <summary>The files <paramref name="from"/> → <paramref name="to"/> changed, applied on <paramref name="onto"/> by entry
    /// (blob ids, no content read), written as trees only.</summary>
    private static Tree Replay(Repository repo, Tree from, Tree to, Tree onto)
    {
        var definition = TreeDefinition.From(onto);
        foreach (var change in TreeDiff.Compare(repo, from, to))
        {
            if (change.After is not { } entry) definition.Remove(change.Path);
            else if (entry.Mode == Mode.GitLink) definition.AddGitLink(change.Path, entry.Id);
            else definition.Add(change.Path, entry.Id, entry.Mode);
        }
        return repo.ObjectDatabase.CreateTree(definition);
    }

    /// <summary>A changed path that is also a folder of another changed path (<c>a/b</c> and <c>a/b/c</c>), or null.</summary>
    private static string? ParentClash(IEnumerable<string> paths)
    {
        var set = paths.ToHashSet(StringComparer.Ordinal);
        foreach (var path in set)
            for (var slash = path.IndexOf('/', StringComparison.Ordinal); slash > 0; slash = path.IndexOf('/', slash + 1))
                if (set.Contains(path[..slash])) return path[..slash];
        return null;
    }
}
