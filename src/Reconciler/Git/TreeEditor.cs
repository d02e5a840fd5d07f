using System.Text;
using LibGit2Sharp;

namespace GitOps.Reconciler.Git;

/// <summary>Writes the tree that results from applying file changes to a base tree. Only the changed blobs and the
/// trees on their paths are written; unchanged subtrees keep their ids (so the snapshot cache still knows them).</summary>
internal static class TreeEditor
{
    /// <summary>A repository-relative path the store accepts: forward slashes, no empty, <c>.</c>, <c>..</c> or <c>.git</c> segment.</summary>
    public static bool IsValidPath(string path)
    {
        if (string.IsNullOrEmpty(path) || path.Contains('\\', StringComparison.Ordinal) || path.Contains('\0', StringComparison.Ordinal)) return false;
        foreach (var segment in path.Split('/'))
            if (segment.Length == 0 || segment is "." or ".." || segment.Equals(".git", StringComparison.OrdinalIgnoreCase)) return false;
        return true;
    }

    /// <summary>Writes the tree of <paramref name="baseTree"/> with <paramref name="changes"/> applied (path → new content,
    /// null deletes the file or folder there). Only the trees on the changed paths are written, as raw tree objects: the
    /// entries of each are read from its old tree and written back with the changes, so nothing else is looked up. A folder
    /// left empty is dropped, as git drops it; a file written where a file was (or where a folder was) is a regular file.</summary>
    /// <exception cref="LibGit2SharpException">A path is both a file and the folder of another changed path.</exception>
    public static Tree Apply(Repository repository, Tree baseTree, ImmutableDictionary<string, ReadOnlyMemory<byte>?> changes)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(baseTree);
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.IsEmpty) return baseTree;
        var root = new FolderEdit();
        foreach (var (path, content) in changes) root.Add(path, content);
        var id = Write(repository, baseTree, root, isRoot: true)!;
        return id == baseTree.Id ? baseTree : repository.Lookup<Tree>(id);
    }

    /// <summary>Writes <paramref name="existing"/> (null: a new folder) with <paramref name="edit"/> applied; null when the
    /// folder ends up empty (never for the root).</summary>
    private static ObjectId? Write(Repository repository, Tree? existing, FolderEdit edit, bool isRoot)
    {
        var entries = new Dictionary<string, (Mode Mode, ObjectId Id)>(StringComparer.Ordinal);
        var folders = new Dictionary<string, Tree>(StringComparer.Ordinal);
        if (existing is not null)
            foreach (var entry in existing)
            {
                entries[entry.Name] = (entry.Mode, entry.Target.Id);
                if (entry.TargetType == TreeEntryTargetType.Tree && edit.Folders.ContainsKey(entry.Name)) folders[entry.Name] = (Tree)entry.Target;
            }
        var changed = existing is null;
        foreach (var (name, content) in edit.Files)
            changed |= content is null ? entries.Remove(name) : Set(entries, name, Mode.NonExecutableFile, repository.ObjectDatabase.Write<Blob>(content.Value.ToArray()));
        foreach (var (name, folder) in edit.Folders)
        {
            if (Write(repository, folders.GetValueOrDefault(name), folder, isRoot: false) is { } id) changed |= Set(entries, name, Mode.Directory, id);
            else if (folders.ContainsKey(name)) changed |= entries.Remove(name); // the folder was emptied (a file there is left alone)
        }
        if (entries.Count == 0 && !isRoot) return null;
        return changed ? repository.ObjectDatabase.Write<Tree>(Serialize(entries)) : existing!.Id;
    }

    /// <summary>Sets an entry; whether that changed it.</summary>
    private static bool Set(Dictionary<string, (Mode Mode, ObjectId Id)> entries, string name, Mode mode, ObjectId id)
    {
        if (entries.TryGetValue(name, out var old) && old.Mode == mode && old.Id == id) return false;
        entries[name] = (mode, id);
        return true;
    }

    /// <summary>A tree object's content: entries in git's order (a folder's name compares as if it ended in '/'), each
    /// <c>&lt;octal mode&gt; &lt;name&gt;\0&lt;20-byte id&gt;</c>.</summary>
    private static byte[] Serialize(Dictionary<string, (Mode Mode, ObjectId Id)> entries)
    {
        var named = entries.Select(e => (Name: Encoding.UTF8.GetBytes(e.Key), e.Value.Mode, e.Value.Id)).ToList();
        named.Sort((a, b) => GitOrder(a.Name, a.Mode == Mode.Directory, b.Name, b.Mode == Mode.Directory));
        using var buffer = new MemoryStream(named.Count * 48);
        foreach (var (name, mode, id) in named)
        {
            buffer.Write(Encoding.ASCII.GetBytes(Convert.ToString((int)mode, 8)));
            buffer.WriteByte((byte)' ');
            buffer.Write(name);
            buffer.WriteByte(0);
            buffer.Write(id.RawId);
        }
        return buffer.ToArray();
    }

    private static int GitOrder(byte[] a, bool aIsFolder, byte[] b, bool bIsFolder)
    {
        var common = Math.Min(a.Length, b.Length);
        var compared = a.AsSpan(0, common).SequenceCompareTo(b.AsSpan(0, common));
        if (compared != 0) return compared;
        int Next(byte[] name, bool isFolder) => name.Length > common ? name[common] : isFolder ? '/' : 0;
        return Next(a, aIsFolder).CompareTo(Next(b, bIsFolder));
    }

    /// <summary>The changes under one folder: its own files (null: delete) and its subfolders' changes.</summary>
    private sealed class FolderEdit
    {
        public Dictionary<string, ReadOnlyMemory<byte>?> Files { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, FolderEdit> Folders { get; } = new(StringComparer.Ordinal);

        public void Add(string path, ReadOnlyMemory<byte>? content)
        {
            var slash = path.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0)
            {
                if (Folders.ContainsKey(path)) throw Clash(path);
                Files[path] = content;
                return;
            }
            var name = path[..slash];
            if (Files.ContainsKey(name)) throw Clash(name);
            if (!Folders.TryGetValue(name, out var folder)) Folders[name] = folder = new FolderEdit();
            folder.Add(path[(slash + 1)..], content);
        }

        private static LibGit2SharpException Clash(string name) => new($"'{name}' is both a file and a folder of another changed path");
    }

    /// <summary>Writes a whole tree from scratch (the seed commit).</summary>
    public static Tree Create(Repository repository, IReadOnlyDictionary<string, ReadOnlyMemory<byte>> files)
    {
        var definition = new TreeDefinition();
        foreach (var (path, content) in files)
        {
            using var stream = new MemoryStream(content.ToArray(), writable: false);
            definition.Add(path, repository.ObjectDatabase.CreateBlob(stream), Mode.NonExecutableFile);
        }
        return repository.ObjectDatabase.CreateTree(definition);
    }
}
