using LibGit2Sharp;

namespace GitOps.Reconciler.Git.Drafts;

/// <summary>What changed between two commits, as whole files: what a draft's publish writes, and what tells a rebase that
/// is safe (no file in common) from a conflict.</summary>
internal static class DraftChanges
{
    /// <summary>The paths whose content differs between the trees of <paramref name="from"/> and <paramref name="to"/>, sorted.</summary>
    public static ImmutableArray<string> ChangedPaths(Repository repo, string from, string to) =>
        [.. Compare(repo, from, to).Select(c => c.Path.Replace('\\', '/')).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>The changes from <paramref name="from"/> to <paramref name="to"/> as the store writes them: path → the
    /// content at <paramref name="to"/>, or null when the file is gone there.</summary>
    public static ImmutableDictionary<string, ReadOnlyMemory<byte>?> Files(Repository repo, string from, string to)
    {
        var files = ImmutableDictionary.CreateBuilder<string, ReadOnlyMemory<byte>?>(StringComparer.Ordinal);
        var target = repo.Lookup<Commit>(to);
        foreach (var change in Compare(repo, from, to))
        {
            var path = change.Path.Replace('\\', '/');
            // Spelled out: a bare `null` would convert to an empty ReadOnlyMemory (via byte[]) and empty the file.
            files[path] = target.Tree[path] is { Target: Blob blob } ? TreeSnapshotReader.ReadBlob(blob) : (ReadOnlyMemory<byte>?)null;
        }
        return files.ToImmutable();
    }

    private static TreeChanges Compare(Repository repo, string from, string to)
    {
        var before = repo.Lookup<Commit>(from) ?? throw new InvalidOperationException($"commit {from} is not in the repository");
        var after = repo.Lookup<Commit>(to) ?? throw new InvalidOperationException($"commit {to} is not in the repository");
        return repo.Diff.Compare<TreeChanges>(before.Tree, after.Tree, new CompareOptions { Similarity = SimilarityOptions.None });
    }
}
