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

    public static Tree Apply(Repository repository, Tree baseTree, ImmutableDictionary<string, ReadOnlyMemory<byte>?> changes)
    {
        var definition = TreeDefinition.From(baseTree);
        foreach (var (path, content) in changes.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            if (content is null)
            {
                definition.Remove(path);
                continue;
            }
            using var stream = new MemoryStream(content.Value.ToArray(), writable: false);
            var blob = repository.ObjectDatabase.CreateBlob(stream);
            definition.Add(path, blob, Mode.NonExecutableFile);
        }
        return repository.ObjectDatabase.CreateTree(definition);
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
