using LibGit2Sharp;

namespace GitOps.Reconciler.Git;

/// <summary>Builds snapshots from git trees through the <see cref="SnapshotCache"/>: a plugin folder whose tree id
/// was seen before is taken from the cache, never re-read; only new folders are read, parsed and hashed.</summary>
internal sealed class TreeSnapshotReader(SnapshotBuilder builder, SnapshotCache cache)
{
    public SnapshotCache Cache => cache;

    /// <summary>Reads the snapshot of a commit (labelled with its sha).</summary>
    public SnapshotResult Read(Commit commit) => ReadTree(commit.Tree).ToResult(commit.Sha);

    /// <summary>Reads a root tree: every plugin folder under <c>plugins/</c>; other files are ignored. This is the git feed
    /// of <see cref="SnapshotAssembler"/>, which puts the snapshot together and orders the errors.</summary>
    public TreeSnapshot ReadTree(Tree root)
    {
        if (cache.TryGetTree(root.Sha, out var cached)) return cached;
        var assembled = SnapshotAssembler.Assemble(Entries(root), "", root.Sha);
        var snapshot = new TreeSnapshot(assembled.Snapshot, assembled.Errors);
        cache.AddTree(root.Sha, snapshot);
        return snapshot;
    }

    private IEnumerable<PluginsEntry> Entries(Tree root)
    {
        if (root[SnapshotBuilder.PluginsFolder] is not { TargetType: TreeEntryTargetType.Tree } pluginsEntry) yield break;
        foreach (var entry in (Tree)pluginsEntry.Target)
            yield return entry.TargetType == TreeEntryTargetType.Tree
                ? new PluginsEntry.Folder(entry.Name, () => ReadPlugin(entry.Name, (Tree)entry.Target))
                : new PluginsEntry.StrayFile(entry.Name);
    }

    /// <summary>One plugin folder, from the cache when its tree id was seen under this name before.</summary>
    public PluginResult ReadPlugin(string name, Tree folder)
    {
        if (cache.TryGetPlugin(name, folder.Sha, out var cached)) return cached;
        var files = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
        var subfolders = new List<string>();
        foreach (var entry in folder)
        {
            if (entry.TargetType == TreeEntryTargetType.Tree) subfolders.Add(entry.Name);
            else if (entry.Target is Blob blob) files[entry.Name] = ReadNamedBlob(blob, $"{SnapshotBuilder.PluginsFolder}/{name}/{entry.Name}");
        }
        var result = builder.BuildPlugin(name, files, subfolders, folder.Sha);
        cache.AddPlugin(name, folder.Sha, result);
        return result;
    }

    /// <summary>Builds a plugin whose files are already in memory (a mutation's result) and caches it under its tree id.</summary>
    /// <param name="checkedBefore">Files whose content checks passed before in the same role (<see cref="ContentChecked"/>).</param>
    public PluginResult BuildPlugin(string name, IReadOnlyDictionary<string, ReadOnlyMemory<byte>> files, string treeId, ContentChecked? checkedBefore = null)
    {
        if (cache.TryGetPlugin(name, treeId, out var cached)) return cached;
        var result = builder.BuildPlugin(name, files, [], treeId, checkedBefore ?? ContentChecked.None);
        cache.AddPlugin(name, treeId, result);
        return result;
    }

    /// <summary>Reads a blob; a damaged one fails with its id and path in the message (see <see cref="CorruptObjectException.Guard"/>).</summary>
    private static byte[] ReadNamedBlob(Blob blob, string path)
    {
        try
        {
            return ReadBlob(blob);
        }
        catch (Exception ex) when (ex is LibGit2SharpException or IOException)
        {
            throw new InvalidDataException($"blob {blob.Sha} of {path} cannot be read: {ex.Message}", ex);
        }
    }

    public static byte[] ReadBlob(Blob blob)
    {
        using var stream = blob.GetContentStream();
        var content = new byte[blob.Size];
        stream.ReadExactly(content);
        return content;
    }
}
