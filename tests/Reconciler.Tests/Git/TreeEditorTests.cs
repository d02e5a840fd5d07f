using System.Collections.Immutable;
using System.Text;
using GitOps.Reconciler.Git;
using GitOps.TestSupport.Git;
using LibGit2Sharp;

namespace GitOps.Reconciler.Tests.Git;

/// <summary><see cref="TreeEditor.Apply"/> (every commit and every unsaved plan writes its tree through it) against real git:
/// the same changes made with <c>git update-index</c> and <c>git write-tree</c> give the same tree id.</summary>
public sealed class TreeEditorTests : IDisposable
{
    private readonly GitTrees _trees = new();

    public void Dispose() => _trees.Dispose();

    private string GitDirectory => Path.Combine(_trees.Path, "repo.git");

    [Fact]
    public void Random_edits_deletes_and_new_folders_give_the_tree_git_writes()
    {
        var random = new Random(2026);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < 200; i++) files[RandomPath(random)] = $"v{random.Next(5)}";
        var tree = _trees.Write(files.Select(f => (f.Key, f.Value)));
        for (var round = 0; round < 12; round++)
        {
            var changes = ImmutableDictionary.CreateBuilder<string, ReadOnlyMemory<byte>?>(StringComparer.Ordinal);
            foreach (var path in files.Keys.Where(_ => random.Next(30) == 0)) changes[path] = null;
            foreach (var path in files.Keys.Where(_ => random.Next(30) == 0)) changes[path] = Encoding.UTF8.GetBytes($"edited {round}");
            for (var i = random.Next(1, 5); i > 0; i--) changes[RandomPath(random)] = Encoding.UTF8.GetBytes($"added {round} {i}");
            changes["n/e/w" + round + "/file.yaml"] = Encoding.UTF8.GetBytes("a new folder three deep");

            var objects = GitCli.Run(GitDirectory, "count-objects", "-v");
            var folders = new Dictionary<string, ObjectId>(StringComparer.Ordinal);
            var computed = TreeEditor.IdOf(_trees.Repository, tree, changes.ToImmutable(), folders);
            Assert.Equal(objects, GitCli.Run(GitDirectory, "count-objects", "-v")); // computing ids writes nothing
            var applied = TreeEditor.Apply(_trees.Repository, tree, changes.ToImmutable());

            Assert.Equal(GitApply(tree, changes.ToImmutable()), applied.Sha);
            Assert.Equal(applied.Id, computed);
            Assert.NotEmpty(folders);
            foreach (var (folder, id) in folders) Assert.Equal(applied[folder].Target.Id, id);
            Assert.Equal("", GitCli.Run(GitDirectory, "fsck", "--no-dangling", "--strict"));
            tree = applied;
            foreach (var (path, content) in changes)
                if (content is null) files.Remove(path); else files[path] = Encoding.UTF8.GetString(content.Value.Span);
        }
        Assert.Equal(files.Keys.Order(StringComparer.Ordinal), GitCli.Run(GitDirectory, "ls-tree", "-r", "--name-only", tree.Sha).Split('\n'));
    }

    [Fact]
    public void Rewriting_a_file_with_its_own_content_keeps_every_tree_id()
    {
        var tree = _trees.Write([("plugins/models/sources.yaml", "s"), ("plugins/models/catalog.yaml", "c"), ("plugins/mcp/sources.yaml", "m")]);

        var applied = TreeEditor.Apply(_trees.Repository, tree, ImmutableDictionary<string, ReadOnlyMemory<byte>?>.Empty
            .Add("plugins/models/catalog.yaml", Encoding.UTF8.GetBytes("c"))
            .Add("plugins/models/gone.yaml", null));

        Assert.Equal(tree.Sha, applied.Sha);
    }

    [Fact]
    public void Deleting_the_last_files_of_a_folder_drops_the_folder_and_a_folder_path_deletes_it_whole()
    {
        var tree = _trees.Write([("plugins/a/one", "1"), ("plugins/a/two", "2"), ("plugins/b/x", "x"), ("plugins/b/deep/y", "y"), ("keep", "k")]);

        var applied = TreeEditor.Apply(_trees.Repository, tree, ImmutableDictionary<string, ReadOnlyMemory<byte>?>.Empty
            .Add("plugins/a/one", null).Add("plugins/a/two", null).Add("plugins/b/deep", null));

        Assert.Equal(["keep", "plugins/b/x"], GitCli.Run(GitDirectory, "ls-tree", "-r", "--name-only", applied.Sha).Split('\n'));
        Assert.Null(applied["plugins/a"]);
        // Deleting a path under a file deletes nothing; writing one there turns the file into a folder.
        var under = ImmutableDictionary<string, ReadOnlyMemory<byte>?>.Empty.Add("keep/nothing", null);
        Assert.Equal(tree.Sha, TreeEditor.Apply(_trees.Repository, tree, under).Sha);
        var folder = TreeEditor.Apply(_trees.Repository, tree, ImmutableDictionary<string, ReadOnlyMemory<byte>?>.Empty.Add("keep/now", Encoding.UTF8.GetBytes("n")));
        Assert.Equal(TreeEntryTargetType.Tree, folder["keep"].TargetType);
        Assert.Equal("n", ((Blob)folder["keep/now"].Target).GetContentText());
    }

    [Fact]
    public void A_path_that_is_both_a_file_and_a_folder_of_another_change_is_refused()
    {
        var tree = _trees.Write([("a/b", "1")]);
        var changes = ImmutableDictionary<string, ReadOnlyMemory<byte>?>.Empty.Add("x", Encoding.UTF8.GetBytes("f")).Add("x/y", Encoding.UTF8.GetBytes("g"));

        var error = Assert.Throws<LibGit2SharpException>(() => TreeEditor.Apply(_trees.Repository, tree, changes));

        Assert.Contains("'x' is both a file and a folder", error.Message, StringComparison.Ordinal);
    }

    private string GitApply(Tree tree, ImmutableDictionary<string, ReadOnlyMemory<byte>?> changes)
    {
        var index = Path.Combine(_trees.Path, $"index-{Guid.NewGuid():N}");
        GitCli.RunWithIndex(GitDirectory, index, "read-tree", tree.Sha);
        foreach (var (path, content) in changes)
        {
            if (content is null)
            {
                GitCli.RunWithIndex(GitDirectory, index, "--work-tree", Directory.CreateDirectory(Path.Combine(_trees.Path, "work")).FullName, "update-index", "--force-remove", path);
                continue;
            }
            var file = Path.Combine(_trees.Path, "blob");
            File.WriteAllBytes(file, content.Value.ToArray());
            var blob = GitCli.Run(GitDirectory, "hash-object", "-w", file);
            GitCli.RunWithIndex(GitDirectory, index, "update-index", "--add", "--cacheinfo", $"100644,{blob},{path}");
        }
        return GitCli.RunWithIndex(GitDirectory, index, "write-tree");
    }

    // Folder names ("d0", "d0.x", "d0-1") and file names chosen so git's order (a folder sorts as "name/") differs from
    // plain byte order where a file and a folder share a prefix.
    private static string RandomPath(Random random) =>
        string.Join('/', Enumerable.Range(0, random.Next(1, 4)).Select(_ => new[] { "d0", "d0.x", "d0-1", "d1" }[random.Next(4)]))
        + "/" + new[] { "d0.yaml", "d0-a", "f", "sources.yaml", "Z" }[random.Next(5)];
}
