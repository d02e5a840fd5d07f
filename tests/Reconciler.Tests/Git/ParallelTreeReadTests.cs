using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Git;
using static GitOps.Reconciler.Tests.Configuration.ConfigFiles;

namespace GitOps.Reconciler.Tests.Git;

/// <summary><see cref="TreeSnapshotReader"/> builds the folders it reads in parallel: the snapshot, and the errors in their
/// order, are those of a sequential read and of the file-map feed; a tree of more folders than the cache holds does not
/// evict its own folders.</summary>
public sealed class ParallelTreeReadTests : IDisposable
{
    private readonly GitTrees _git = new();

    public void Dispose() => _git.Dispose();

    /// <summary>24 plugins: every third invalid in two ways (errors in two files, several in one file at one place), strays between.</summary>
    private static List<(string Path, string Content)> ManyPlugins(int version = 0)
    {
        var files = new List<(string, string)> { ("plugins/aaa-stray.txt", "x\n"), ("plugins/zzz-stray.yaml", "y: 1\n") };
        for (var i = 0; i < 24; i++)
        {
            var name = $"p{i:D2}";
            var broken = i % 3 == 0;
            files.Add(($"plugins/{name}/sources.yaml",
                $"apiVersion: gitops/v1\nplugin: {(broken ? "other" : name)}\nsources:\n  - id: s\n    name: S\n    type: {(broken ? "nope" : "yaml")}\n    properties:\n      yamlCatalogPath: c.yaml\n"));
            files.Add(($"plugins/{name}/c.yaml", broken ? "models: [\n" : Catalog.Replace("granite-8b", $"granite-8b-v{version}", StringComparison.Ordinal)));
            files.Add(($"plugins/{name}/extra.yaml", broken ? "a: b: c\n" : "a: 1\n"));
        }
        return files;
    }

    [Fact]
    public void ReadTree_InParallel_GivesTheSequentialSnapshotAndErrorsInTheSameOrder()
    {
        var tree = _git.Write(ManyPlugins());

        var sequential = new TreeSnapshotReader(new SnapshotBuilder(), new SnapshotCache(), parallelism: 1).ReadTree(tree);
        var parallel = new TreeSnapshotReader(new SnapshotBuilder(), new SnapshotCache(), parallelism: 8).ReadTree(tree);
        var fromFiles = Assert.IsType<SnapshotResult.Invalid>(new SnapshotBuilder().Build(Tree([.. ManyPlugins()]))).Errors;

        Assert.True(sequential.Errors.Length > 16);
        Assert.Equal<ValidationError>(sequential.Errors, parallel.Errors);
        Assert.Equal<ValidationError>(fromFiles, parallel.Errors);
        Assert.Equal(sequential.Snapshot.Hash, parallel.Snapshot.Hash);
        Assert.Equal(16, parallel.Snapshot.Plugins.Count);
        Assert.Equal(sequential.Snapshot.Plugins.Keys, parallel.Snapshot.Plugins.Keys);
    }

    [Fact]
    public void ReadTree_OfMoreFoldersThanTheCacheHolds_KeepsThemAllSoTheNextHeadRebuildsOnlyTheChangedOne()
    {
        var valid = ManyPlugins().Where(f => !f.Path.EndsWith(".txt", StringComparison.Ordinal) && !f.Path.StartsWith("plugins/zzz", StringComparison.Ordinal)
            && !new[] { 0, 3, 6, 9, 12, 15, 18, 21 }.Any(i => f.Path.StartsWith($"plugins/p{i:D2}/", StringComparison.Ordinal))).ToList();
        var cache = new SnapshotCache(pluginCapacity: 4);
        var reader = new TreeSnapshotReader(new SnapshotBuilder(), cache);
        var first = reader.ReadTree(_git.Write(valid));
        var changed = valid.Select(f => f.Path == "plugins/p01/extra.yaml" ? (f.Path, "a: 2\n") : f).ToList();

        var second = reader.ReadTree(_git.Write(changed));

        Assert.True(first.IsValid, string.Join("\n", first.Errors));
        Assert.Equal(16, first.Snapshot.Plugins.Count);
        Assert.True(cache.PluginCapacity >= 32);
        Assert.NotSame(first.Snapshot.Plugins["p01"], second.Snapshot.Plugins["p01"]);
        Assert.All(first.Snapshot.Plugins.Keys.Where(k => k != "p01"), k => Assert.Same(first.Snapshot.Plugins[k], second.Snapshot.Plugins[k]));
    }
}
