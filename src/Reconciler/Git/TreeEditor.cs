using System.Security.Cryptography;
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
        var id = Edit(repository, baseTree, changes, new Writing(repository), folders: null);
        return id == baseTree.Id ? baseTree : repository.Lookup<Tree>(id);
    }

    /// <summary>The id the tree of <see cref="Apply"/> would have, and the ids of the folders it would rewrite
    /// (<paramref name="folders"/>: path → id; a folder left empty is absent), computed without writing any object: for a
    /// plan of a change that is never saved.</summary>
    public static ObjectId IdOf(Repository repository, Tree baseTree, ImmutableDictionary<string, ReadOnlyMemory<byte>?> changes, IDictionary<string, ObjectId> folders)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(baseTree);
        ArgumentNullException.ThrowIfNull(changes);
        return changes.IsEmpty ? baseTree.Id : Edit(repository, baseTree, changes, Hashing.Instance, folders);
    }

    private static ObjectId Edit(Repository repository, Tree baseTree, ImmutableDictionary<string, ReadOnlyMemory<byte>?> changes, IObjectSink sink, IDictionary<string, ObjectId>? folders)
    {
        var root = new FolderEdit();
        foreach (var (path, content) in changes) root.Add(path, content);
        return Write(sink, repository, baseTree.Id, root, "", folders)!;
    }

    /// <summary>Writes <paramref name="existing"/> (null: a new folder) with <paramref name="edit"/> applied; null when the
    /// folder ends up empty (never for the root, <paramref name="path"/> "").</summary>
    private static ObjectId? Write(IObjectSink sink, Repository repository, ObjectId? existing, FolderEdit edit, string path, IDictionary<string, ObjectId>? folderIds)
    {
        var entries = new Dictionary<string, (Mode Mode, ObjectId Id)>(StringComparer.Ordinal);
        var folders = new Dictionary<string, ObjectId>(StringComparer.Ordinal);
        if (existing is not null)
            foreach (var item in TreeItems.Of(repository, existing))
            {
                entries[item.Name] = (item.Mode, item.Id);
                if (item.IsFolder && edit.Folders.ContainsKey(item.Name)) folders[item.Name] = item.Id;
            }
        var changed = existing is null;
        foreach (var (name, content) in edit.Files)
            changed |= content is null ? entries.Remove(name) : Set(entries, name, Mode.NonExecutableFile, sink.Write(ObjectType.Blob, content.Value.ToArray()));
        foreach (var (name, folder) in edit.Folders)
        {
            var folderPath = path.Length == 0 ? name : $"{path}/{name}";
            if (Write(sink, repository, folders.GetValueOrDefault(name), folder, folderPath, folderIds) is { } id)
            {
                changed |= Set(entries, name, Mode.Directory, id);
                folderIds?.Add(folderPath, id);
            }
            else if (folders.ContainsKey(name))
            {
                changed |= entries.Remove(name); // the folder was emptied (a file there is left alone)
            }
        }
        if (entries.Count == 0 && path.Length > 0) return null;
        if (!changed) return existing;
        var written = sink.Write(ObjectType.Tree, Serialize(entries));
        TreeItems.Remember(written, [.. entries.Select(e => new TreeItem(e.Key, e.Value.Mode, e.Value.Id))]);
        return written;
    }

    /// <summary>Where the new objects of an edit go: the object database, or nowhere (only their ids).</summary>
    private interface IObjectSink
    {
        ObjectId Write(ObjectType type, byte[] content);
    }

    private sealed class Writing(Repository repository) : IObjectSink
    {
        public ObjectId Write(ObjectType type, byte[] content) => type == ObjectType.Blob
            ? repository.ObjectDatabase.Write<Blob>(content)
            : repository.ObjectDatabase.Write<Tree>(content);
    }

    /// <summary>Git's object id: SHA-1 of <c>"&lt;type&gt; &lt;length&gt;\0"</c> and the content, as <c>git hash-object</c> computes it.</summary>
    private sealed class Hashing : IObjectSink
    {
        public static readonly Hashing Instance = new();

        public ObjectId Write(ObjectType type, byte[] content)
        {
            var header = Encoding.ASCII.GetBytes($"{(type == ObjectType.Blob ? "blob" : "tree")} {content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)}\0");
#pragma warning disable CA5350 // git names objects by SHA-1; this computes a name, it protects nothing
            using var sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
#pragma warning restore CA5350
            sha1.AppendData(header);
            sha1.AppendData(content);
            return new ObjectId(sha1.GetHashAndReset());
        }
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
