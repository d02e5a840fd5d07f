using LibGit2Sharp;

namespace GitOps.Reconciler.Git.Drafts;

/// <summary>What changed between two commits, as whole files: what a draft's publish writes, and what tells a rebase that
/// is safe (no file in common) from a conflict.</summary>
internal static class DraftChanges
{
    /// <summary>Those of <paramref name="paths"/> whose entry (blob id and mode, or absence) differs between the trees of
    /// <paramref name="from"/> and <paramref name="to"/>, sorted: a lookup per path, never a walk of either tree.</summary>
    public static ImmutableArray<string> Differing(Repository repo, string from, string to, IEnumerable<string> paths)
    {
        var before = (repo.Lookup<Commit>(from) ?? throw new InvalidOperationException($"commit {from} is not in the repository")).Tree;
        var after = (repo.Lookup<Commit>(to) ?? throw new InvalidOperationException($"commit {to} is not in the repository")).Tree;
        return [.. paths.Where(path => !SameEntry(before[path], after[path])).Order(StringComparer.Ordinal)];
    }

    private static bool SameEntry(TreeEntry? a, TreeEntry? b) =>
        a is null ? b is null : b is not null && a.Mode == b.Mode && a.Target.Id == b.Target.Id;

    /// <summary>The <paramref name="changes"/> of <see cref="Compare"/> as the store writes them: path → the content after,
    /// or null when the file is gone there.</summary>
    public static ImmutableDictionary<string, ReadOnlyMemory<byte>?> Files(Repository repo, ImmutableArray<TreeDiff.Change> changes)
    {
        var files = ImmutableDictionary.CreateBuilder<string, ReadOnlyMemory<byte>?>(StringComparer.Ordinal);
        foreach (var change in changes)
        {
            // Spelled out: a bare `null` would convert to an empty ReadOnlyMemory (via byte[]) and empty the file.
            files[change.Path] = change.After is { } after && repo.Lookup<Blob>(after.Id) is { } blob ? TreeSnapshotReader.ReadBlob(blob) : (ReadOnlyMemory<byte>?)null;
        }
        return files.ToImmutable();
    }

    /// <summary>The files that differ between the trees of <paramref name="from"/> and <paramref name="to"/>, sorted by path.</summary>
    public static ImmutableArray<TreeDiff.Change> Compare(Repository repo, string from, string to)
    {
        var before = repo.Lookup<Commit>(from) ?? throw new InvalidOperationException($"commit {from} is not in the repository");
        var after = repo.Lookup<Commit>(to) ?? throw new InvalidOperationException($"commit {to} is not in the repository");
        return TreeDiff.Compare(repo, before.Tree, after.Tree);
    }
}
