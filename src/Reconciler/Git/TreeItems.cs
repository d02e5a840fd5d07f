using System.Collections.Concurrent;
using LibGit2Sharp;

namespace GitOps.Reconciler.Git;

/// <summary>One entry of a git tree: name, mode and the id of what it names.</summary>
internal readonly record struct TreeItem(string Name, Mode Mode, ObjectId Id)
{
    public bool IsFolder => Mode == Mode.Directory;
}

/// <summary>The entries of trees read or written lately, by tree id (a tree's content never changes), shared by every
/// repository of the process (ids are content addresses). Reading a tree's entries through LibGit2Sharp costs ~2.6 µs an
/// entry; a commit, a plan or a draft diff on the trees the last commit wrote or read reads none. Bounded: emptied when it
/// holds <see cref="Limit"/> trees.</summary>
internal static class TreeItems
{
    private const int Limit = 1024;
    private static readonly ConcurrentDictionary<ObjectId, TreeItem[]> Known = new();

    /// <summary>The entries of tree <paramref name="treeId"/> of <paramref name="repository"/> (in no particular order).</summary>
    public static TreeItem[] Of(Repository repository, ObjectId treeId)
    {
        ArgumentNullException.ThrowIfNull(repository);
        if (Known.TryGetValue(treeId, out var items)) return items;
        var tree = repository.Lookup<Tree>(treeId) ?? throw new InvalidOperationException($"tree {treeId} is not in the repository");
        items = [.. tree.Select(e => new TreeItem(e.Name, e.Mode, e.Target.Id))];
        Remember(treeId, items);
        return items;
    }

    /// <summary>Records the entries of a tree just written (or whose id was just computed).</summary>
    public static void Remember(ObjectId treeId, TreeItem[] items)
    {
        if (Known.Count >= Limit) Known.Clear();
        Known[treeId] = items;
    }
}
