using LibGit2Sharp;

namespace GitOps.Reconciler.Git;

/// <summary>Builds snapshots from git trees through the <see cref="SnapshotCache"/>: a plugin folder whose tree id
/// was seen before is taken from the cache, never re-read; only new folders are read, parsed and hashed.</summary>
/// <remarks>A root tree is read in three steps: (1) under the caller's repository lock, the folders the cache does not
/// hold are read from git, one after another (a libgit2 repository is not for concurrent use); (2) they are parsed,
/// checked and hashed in parallel, with no git access (a folder the verified <see cref="SnapshotIndex"/> vouches for skips
/// the content checks); (3) <see cref="SnapshotAssembler"/> puts them together in tree order, so the snapshot and the
/// order of its errors are those of a sequential read.</remarks>
/// <param name="parallelism">How many folders are built at once; 1 builds them one after another.</param>
internal sealed class TreeSnapshotReader(SnapshotBuilder builder, SnapshotCache cache, SnapshotIndex? index = null, int parallelism = 0)
{
    private readonly int _parallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount;

    public SnapshotCache Cache => cache;

    public SnapshotIndex? Index => index;

    /// <summary>Reads the snapshot of a commit (labelled with its sha).</summary>
    public SnapshotResult Read(Commit commit) => ReadTree(commit.Tree).ToResult(commit.Sha);

    /// <summary>Reads a root tree: every plugin folder under <c>plugins/</c>; other files are ignored. This is the git feed
    /// of <see cref="SnapshotAssembler"/>, which puts the snapshot together and orders the errors.</summary>
    public TreeSnapshot ReadTree(Tree root)
    {
        if (cache.TryGetTree(root.Sha, out var cached)) return cached;
        var slots = Slots(root);
        cache.EnsurePluginCapacity(2 * slots.Count);
        var pending = slots.Where(s => s.Result is null && s.Files is not null).ToList();
        if (pending.Count > 1 && _parallelism > 1)
        {
            try
            {
                Parallel.ForEach(pending, new ParallelOptions { MaxDegreeOfParallelism = _parallelism }, slot => slot.Result = Build(slot));
            }
            catch (AggregateException ex) when (ex.InnerExceptions.Count == 1)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerExceptions[0]); // as a sequential read throws it
            }
        }
        else
            foreach (var slot in pending) slot.Result = Build(slot);
        var entries = slots.Select(s => s.IsFolder
            ? (PluginsEntry)new PluginsEntry.Folder(s.Name, () => s.Result!)
            : new PluginsEntry.StrayFile(s.Name));
        var assembled = SnapshotAssembler.Assemble(entries, "", root.Sha);
        var snapshot = new TreeSnapshot(assembled.Snapshot, assembled.Errors);
        cache.AddTree(root.Sha, snapshot);
        return snapshot;
    }

    /// <summary>Step (1): every entry under <c>plugins/</c> in tree order, with the cached result or the files read from git.</summary>
    private List<Slot> Slots(Tree root)
    {
        var slots = new List<Slot>();
        if (root[SnapshotBuilder.PluginsFolder] is not { TargetType: TreeEntryTargetType.Tree } pluginsEntry) return slots;
        foreach (var entry in (Tree)pluginsEntry.Target)
        {
            var slot = new Slot(entry.Name);
            slots.Add(slot);
            if (entry.TargetType != TreeEntryTargetType.Tree) continue;
            var folder = (Tree)entry.Target;
            slot.IsFolder = true;
            slot.TreeId = folder.Sha;
            if (cache.TryGetPlugin(entry.Name, folder.Sha, out var hit)) slot.Result = hit;
            else (slot.Files, slot.Subfolders) = ReadFolder(entry.Name, folder);
        }
        return slots;
    }

    /// <summary>Step (2) for one folder: built with the content checks skipped when the index vouches for its exact bytes
    /// (the recomputed hash is the recorded one), else in full; cached under its tree id.</summary>
    private PluginResult Build(Slot slot)
    {
        var (name, treeId, files, subfolders) = (slot.Name, slot.TreeId, slot.Files!, slot.Subfolders!);
        PluginResult? result = null;
        if (index?.HashOf(name, treeId) is { } recorded && subfolders.Count == 0)
        {
            var quick = builder.BuildPlugin(name, files, subfolders, treeId, ContentChecked.All(files.Keys));
            var vouched = quick is PluginResult.Valid valid && valid.Plugin.Hash == recorded;
            index.Record(vouched);
            if (vouched) result = quick;
        }
        result ??= builder.BuildPlugin(name, files, subfolders, treeId);
        cache.AddPlugin(name, treeId, result);
        return result;
    }

    /// <summary>One plugin folder, from the cache when its tree id was seen under this name before.</summary>
    public PluginResult ReadPlugin(string name, Tree folder)
    {
        if (cache.TryGetPlugin(name, folder.Sha, out var cached)) return cached;
        var (files, subfolders) = ReadFolder(name, folder);
        return Build(new Slot(name) { IsFolder = true, TreeId = folder.Sha, Files = files, Subfolders = subfolders });
    }

    private static (Dictionary<string, ReadOnlyMemory<byte>> Files, List<string> Subfolders) ReadFolder(string name, Tree folder)
    {
        var files = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
        var subfolders = new List<string>();
        foreach (var entry in folder)
        {
            if (entry.TargetType == TreeEntryTargetType.Tree) subfolders.Add(entry.Name);
            else if (entry.Target is Blob blob) files[entry.Name] = ReadNamedBlob(blob, $"{SnapshotBuilder.PluginsFolder}/{name}/{entry.Name}");
        }
        return (files, subfolders);
    }

    /// <summary>One entry under <c>plugins/</c>: a stray file (no files, no result) or a folder, cached or read.</summary>
    private sealed class Slot(string name)
    {
        public string Name => name;

        public bool IsFolder { get; set; }

        public string TreeId { get; set; } = "";

        public Dictionary<string, ReadOnlyMemory<byte>>? Files { get; set; }

        public List<string>? Subfolders { get; set; }

        public PluginResult? Result { get; set; }
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
