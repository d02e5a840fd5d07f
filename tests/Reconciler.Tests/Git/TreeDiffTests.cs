using GitOps.Reconciler.Git;
using GitOps.TestSupport.Git;
using LibGit2Sharp;

namespace GitOps.Reconciler.Tests.Git;

/// <summary><see cref="TreeDiff"/> (what a draft's publish, its overlap check, the plan's replay, a revert and the signature
/// policy use) against real git's <c>git diff-tree -r --no-renames</c> on the same two trees.</summary>
public sealed class TreeDiffTests : IDisposable
{
    private readonly GitTrees _trees = new();

    public void Dispose() => _trees.Dispose();

    [Fact]
    public void Finds_a_change_deep_in_one_folder_among_many_unchanged_ones()
    {
        var files = Enumerable.Range(0, 20).SelectMany(p => Enumerable.Range(0, 5).Select(f => ($"plugins/p{p:D2}/c{f}.yaml", $"p{p} f{f}"))).ToList();
        var before = _trees.Write(files);
        var after = _trees.Write(files.Select(f => f.Item1 == "plugins/p07/c3.yaml" ? (f.Item1, "changed") : f));

        var changes = TreeDiff.Compare(_trees.Repository, before, after);

        var change = Assert.Single(changes);
        Assert.Equal("plugins/p07/c3.yaml", change.Path);
        Assert.Equal(before["plugins/p07/c3.yaml"].Target.Id, change.Before!.Value.Id);
        Assert.Equal(after["plugins/p07/c3.yaml"].Target.Id, change.After!.Value.Id);
        Assert.Equal(GitDiff(before, after), changes.Select(c => c.Path));
    }

    [Fact]
    public void Reports_files_added_removed_and_a_file_that_became_a_folder()
    {
        var before = _trees.Write([("a", "file"), ("keep/x", "1"), ("gone/one", "1"), ("gone/deep/two", "2"), ("z.txt", "z")]);
        var after = _trees.Write([("a/inner", "now a folder"), ("keep/x", "1"), ("new/deep/file", "n"), ("z.txt", "z")]);

        var changes = TreeDiff.Compare(_trees.Repository, before, after);

        Assert.Equal(["a", "a/inner", "gone/deep/two", "gone/one", "new/deep/file"], changes.Select(c => c.Path));
        Assert.Null(changes.Single(c => c.Path == "a/inner").Before);
        Assert.Null(changes.Single(c => c.Path == "a").After);
        Assert.Null(changes.Single(c => c.Path == "gone/one").After);
        Assert.Equal(GitDiff(before, after), changes.Select(c => c.Path));
    }

    [Fact]
    public void A_mode_change_with_the_same_content_is_a_change_and_equal_trees_have_none()
    {
        var before = _trees.Write([("bin/run.sh", "echo"), ("readme", "r")]);
        var definition = TreeDefinition.From(before);
        definition.Add("bin/run.sh", before["bin/run.sh"].Target.Id, Mode.ExecutableFile);
        var after = _trees.Repository.ObjectDatabase.CreateTree(definition);

        Assert.Equal(["bin/run.sh"], TreeDiff.ChangedPaths(_trees.Repository, before, after).ToList());
        Assert.Equal(GitDiff(before, after), TreeDiff.ChangedPaths(_trees.Repository, before, after).ToList());
        Assert.Empty(TreeDiff.Compare(_trees.Repository, before, _trees.Write([("bin/run.sh", "echo"), ("readme", "r")])));
        Assert.Equal(["bin/run.sh", "readme"], TreeDiff.ChangedPaths(_trees.Repository, null, before).ToList());
        Assert.Equal(["bin/run.sh", "readme"], TreeDiff.ChangedPaths(_trees.Repository, before, null).ToList());
    }

    [Fact]
    public void Agrees_with_git_on_random_edits_of_a_nested_tree()
    {
        var random = new Random(1804);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < 300; i++) files[RandomPath(random)] = $"v{random.Next(3)}";
        for (var round = 0; round < 15; round++)
        {
            var before = _trees.Write(Files(files));
            var next = new Dictionary<string, string>(files, StringComparer.Ordinal);
            foreach (var path in files.Keys.Where(_ => random.Next(40) == 0).ToList()) next.Remove(path);
            foreach (var path in files.Keys.Where(_ => random.Next(40) == 0).ToList()) next[path] = $"edited {round}";
            for (var i = random.Next(6); i > 0; i--) next[RandomPath(random)] = $"added {round}";
            // a path that is a file on one side may be a folder's prefix on the other: git keeps only one of them
            foreach (var path in next.Keys.Where(p => next.Keys.Any(q => q.StartsWith(p + "/", StringComparison.Ordinal))).ToList()) next.Remove(path);
            var after = _trees.Write(Files(next));

            Assert.Equal(GitDiff(before, after), TreeDiff.ChangedPaths(_trees.Repository, before, after).ToList());
            files = next;
        }
    }

    private static IEnumerable<(string, string)> Files(Dictionary<string, string> files) => files.Select(f => (f.Key, f.Value));

    private static string RandomPath(Random random) =>
        string.Join('/', Enumerable.Range(0, random.Next(1, 4)).Select(_ => $"d{random.Next(4)}")) + $"/f{random.Next(12)}";

    private List<string> GitDiff(Tree before, Tree after) =>
        [.. GitCli.Run(Path.Combine(_trees.Path, "repo.git"), "diff-tree", "-r", "--no-renames", "--name-only", before.Sha, after.Sha)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Order(StringComparer.Ordinal)];
}
