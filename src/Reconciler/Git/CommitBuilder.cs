using LibGit2Sharp;

namespace GitOps.Reconciler.Git;

/// <summary>The edit → tree → validate → commit steps of a write, on top of any parent commit and whatever ref it will
/// end up on (the tracked branch through <see cref="GroupCommit"/>, or another ref such as a draft branch). Writes the
/// blobs, trees and the commit object (unsynced: the caller flushes with <see cref="LibGit2Durability.FlushObjects"/> and
/// moves its ref). Call inside <see cref="RepositoryHandle.Use{T}"/>.</summary>
internal sealed class CommitBuilder(TreeSnapshotReader reader, CommitSigning signing, TimeProvider time)
{
    /// <summary>Applies <paramref name="write"/>'s edit to <paramref name="parent"/> (whose validated tree is
    /// <paramref name="parentTree"/>), validates the result and writes the commit; or says why nothing was written.</summary>
    public WriteStep Build(Repository repo, Commit parent, TreeSnapshot parentTree, WriteRequest write)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(parentTree);
        ArgumentNullException.ThrowIfNull(write);
        var changes = write.Edit(repo, parent, parentTree.At(parent.Sha));
        if (changes is EditResult.Refused refused) return new WriteStep.Done(new MutationOutcome.Rejected(refused.Kind, refused.Message));
        var files = ((EditResult.Changes)changes).Files;
        if (files.Keys.FirstOrDefault(p => !TreeEditor.IsValidPath(p)) is { } badPath)
            return new WriteStep.Done(new MutationOutcome.Rejected(RejectionKind.BadRequest, $"'{badPath}' is not a valid repository path"));

        var tree = TreeEditor.Apply(repo, parent.Tree, files);
        if (tree.Sha == parent.Tree.Sha) return new WriteStep.Done(new MutationOutcome.NoChange(parent.Sha));
        var rebuilt = PrebuildChangedPlugins(parentTree.Snapshot, files, tree);
        var result = rebuilt is not null && parentTree.IsValid ? Replace(parentTree, rebuilt, tree.Sha) : reader.ReadTree(tree);
        if (!result.IsValid) return new WriteStep.Done(new MutationOutcome.Invalid(result.Errors));
        if (!write.ConfirmRemovingEveryPlugin && parentTree.Snapshot.Plugins.Count > 0 && result.Snapshot.Plugins.Count == 0)
            return new WriteStep.Done(new MutationOutcome.Rejected(RejectionKind.ConfirmationRequired,
                $"this change removes every plugin ({string.Join(", ", parentTree.Snapshot.Plugins.Keys)}) and would leave the configuration empty; nothing was written"));

        var when = time.GetUtcNow();
        var signature = new Signature(write.Author.Name, write.Author.Email, when);
        var commit = signing.Write(repo, signature, signature, write.Message, tree, [parent]);
        return new WriteStep.Written(new PendingCommit(commit.Sha, parent.Sha, write.Summary, write.Message), commit, result, result.At(commit.Sha), when);
    }

    /// <summary>Builds the plugins a mutation touched from the files already in memory (the base plugin plus the
    /// changes) and caches them under their new tree ids, so validating the result reads no blob back from git and
    /// parses only the files the mutation wrote (<see cref="ContentChecked"/>). Returns the rebuilt plugins when every
    /// change was a file directly inside an existing plugin folder and each rebuilt plugin is valid (the new snapshot is
    /// then the parent's with those plugins replaced); else null, and the new tree is read as usual.</summary>
    private Dictionary<string, PluginSnapshot>? PrebuildChangedPlugins(ConfigSnapshot baseSnapshot, ImmutableDictionary<string, ReadOnlyMemory<byte>?> changes, Tree newRoot)
    {
        var prefix = SnapshotBuilder.PluginsFolder + "/";
        var rebuilt = new Dictionary<string, PluginSnapshot>(StringComparer.Ordinal);
        var byPlugin = changes
            .Where(c => c.Key.StartsWith(prefix, StringComparison.Ordinal))
            .GroupBy(c => c.Key.Split('/')[1], StringComparer.Ordinal)
            .ToList();
        foreach (var group in byPlugin)
        {
            var name = group.Key;
            if (group.Any(c => c.Key.Count(ch => ch == '/') != 2)) continue; // subfolders: let the reader report them
            if (baseSnapshot.FindPlugin(name) is not { } basePlugin) continue;
            if (newRoot[prefix + name] is not { TargetType: TreeEntryTargetType.Tree } folder) continue;
            var files = basePlugin.Files.ToBuilder();
            var changed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (path, content) in group)
            {
                var file = path[(prefix.Length + name.Length + 1)..];
                changed.Add(file);
                if (content is null) files.Remove(file);
                else files[file] = content.Value;
            }
            // Only what the mutation wrote is parsed: the base plugin was valid, so its unchanged files passed their checks.
            if (reader.BuildPlugin(name, files.ToImmutable(), folder.Target.Sha, ContentChecked.Unchanged(basePlugin, changed)) is PluginResult.Valid valid)
                rebuilt[name] = valid.Plugin;
        }
        var onlyPluginFiles = byPlugin.Sum(g => g.Count()) == changes.Count;
        return onlyPluginFiles && rebuilt.Count > 0 && rebuilt.Count == byPlugin.Count ? rebuilt : null;
    }

    /// <summary>The new root's snapshot without reading the tree: the parent's plugins with the rebuilt ones replaced,
    /// composed as a read would compose them (same hash); cached under the new root tree id.</summary>
    private TreeSnapshot Replace(TreeSnapshot parent, Dictionary<string, PluginSnapshot> rebuilt, string treeId)
    {
        var composed = SnapshotBuilder.Compose("", treeId, parent.Snapshot.Plugins.SetItems(rebuilt));
        var snapshot = new TreeSnapshot(composed, []);
        reader.Cache.AddTree(treeId, snapshot);
        return snapshot;
    }
}
