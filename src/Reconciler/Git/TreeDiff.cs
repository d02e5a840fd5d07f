using LibGit2Sharp;

namespace GitOps.Reconciler.Git;

/// <summary>The files that differ between two trees, found by walking both side by side and never descending into a
/// folder whose tree id is the same on both sides, with tree entries from <see cref="TreeItems"/>. On a 10,000-file
/// repository where a change touches one plugin this reads a handful of trees, where libgit2's tree-to-tree diff
/// (<c>repo.Diff.Compare&lt;TreeChanges&gt;</c>) read every folder (~9 ms per call, measured in <c>--b14-publish</c>).</summary>
/// <remarks>No rename detection: a moved file is its old path gone and its new path added. A submodule entry is compared by
/// its commit id like a file.</remarks>
internal static class TreeDiff
{
    /// <summary>One file that differs: its path ('/'-separated), and its entry before and after (null where it does not exist).</summary>
    public readonly record struct Change(string Path, TreeItem? Before, TreeItem? After);

    /// <summary>Every file whose id or mode differs between <paramref name="before"/> and <paramref name="after"/> (null: an
    /// empty tree), in ordinal path order.</summary>
    public static ImmutableArray<Change> Compare(Repository repository, Tree? before, Tree? after)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var changes = ImmutableArray.CreateBuilder<Change>();
        Walk(repository, before?.Id, after?.Id, "", changes);
        changes.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return changes.ToImmutable();
    }

    /// <summary>The paths of <see cref="Compare"/>, sorted.</summary>
    public static ImmutableArray<string> ChangedPaths(Repository repository, Tree? before, Tree? after) =>
        [.. Compare(repository, before, after).Select(c => c.Path)];

    private static void Walk(Repository repository, ObjectId? before, ObjectId? after, string prefix, ImmutableArray<Change>.Builder changes)
    {
        if (before is not null && before == after) return;
        var old = before is null ? [] : TreeItems.Of(repository, before).ToDictionary(e => e.Name, StringComparer.Ordinal);
        foreach (var entry in after is null ? [] : TreeItems.Of(repository, after))
        {
            Entry(repository, old.Remove(entry.Name, out var previous) ? previous : null, entry, prefix + entry.Name, changes);
        }
        foreach (var gone in old.Values) Entry(repository, gone, null, prefix + gone.Name, changes);
    }

    private static void Entry(Repository repository, TreeItem? before, TreeItem? after, string path, ImmutableArray<Change>.Builder changes)
    {
        if (before is { } b && after is { } a && b.Id == a.Id && b.Mode == a.Mode) return;
        var beforeTree = before is { IsFolder: true } ? before.Value.Id : null;
        var afterTree = after is { IsFolder: true } ? after.Value.Id : null;
        if (beforeTree is not null || afterTree is not null) Walk(repository, beforeTree, afterTree, path + "/", changes);
        var beforeFile = beforeTree is null ? before : null;
        var afterFile = afterTree is null ? after : null;
        if (beforeFile is not null || afterFile is not null) changes.Add(new Change(path, beforeFile, afterFile));
    }
}
